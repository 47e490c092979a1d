// Loads the wasm core and the bundled list once per background start, lazily, and caches them.
// Protection degrades visibly, never silently: a list that does not load (truncated, corrupt, a
// newer format) leaves the lookalike and scam-pattern checks running on `data/core.bin` (the same
// file without list entries), and `protectionStatus()` says so for the badge and the popup; a core
// that does not load at all turns the badge to "off".
import init, { Checker, levels, paramKeys, reasonCodes, reinstantiate } from '../wasm/waspada_wasm.js';
import { api } from './platform.js';
import { engineSettings, loadSettings } from './settings.js';
import { verdictReader } from './verdict.js';

let pending = null;
const status = { engine: 'loading', list: 'loading', problem: null, instances: 0 };

/** What protection is running: `{engine, list: 'ok'|'failed'|'loading', problem, instances}`. */
export const protectionStatus = () => ({ ...status });

/** The exports of the current instance of the module (its `memory`). */
let instance = null;

/** A checker over the bundled list, with its checks hardened: should the core ever trap (a bug,
 *  never bad input by design), the trapped instance is dropped, the module instantiated afresh
 *  (new memory: the old one may be corrupt), the checker rebuilt and the call retried once.
 *  The list is not kept in JS (it would be a second copy of several megabytes for the worker's
 *  lifetime): the rebuild copies it out of the trapped instance's memory, and the core checks
 *  that copy again (checksum, every section) as it loads it. Should that fail, the call throws
 *  and the next `getChecker()` loads the packaged files afresh. */
class SafeChecker {
  constructor(bytes, settings) {
    this.settings = settings;
    this.build(bytes);
  }
  build(bytes) {
    this.inner = new Checker(bytes, this.settings);
    this.range = this.inner.listRange();
    // Verdicts are read out of this instance's memory (lib/verdict.js).
    this.read = verdictReader(instance, { levels: levels(), reasonCodes: reasonCodes(), paramKeys: paramKeys() });
  }
  /** Runs `call` on the checker; after a trap, re-instantiates and runs it once more. */
  guarded(call) {
    try {
      return call(this.inner);
    } catch (err) {
      if (!(err instanceof WebAssembly.RuntimeError)) throw err;
      console.error('[waspada] the core trapped; instantiating it afresh', err);
      const [offset, length] = this.range;
      const list = new Uint8Array(instance.memory.buffer, offset, length).slice();
      // Forget the old object without freeing it in the new instance's memory.
      this.inner.__destroy_into_raw?.();
      instance = reinstantiate();
      status.instances += 1;
      try {
        this.build(list);
      } catch (err2) {
        pending = null;
        throw err2;
      }
      return call(this.inner);
    }
  }
  check(url) {
    return this.guarded((c) => this.read(c.checkCompact(url), url));
  }
  checkPage(url, facts) {
    return this.guarded((c) => c.checkPage(url, facts));
  }
  pageCheckApplies(verdict) {
    return this.guarded((c) => c.pageCheckApplies(verdict));
  }
  setSettings(settings) {
    this.settings = settings;
    this.guarded((c) => c.setSettings(settings));
  }
  info() {
    return this.guarded((c) => c.info());
  }
}

async function readFile(path) {
  const response = await fetch(api.runtime.getURL(path));
  if (!response.ok) throw new Error(`cannot read ${path} (${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

async function load() {
  const started = performance.now();
  // The list and the settings are read while the module compiles (a cold start waits for the
  // slower of the two, not for their sum). A failed read is handled where it is awaited.
  const listRead = readFile('data/waspada.bin');
  const settingsRead = loadSettings();
  listRead.catch(() => {});
  settingsRead.catch(() => {});
  try {
    instance = await init({ module_or_path: api.runtime.getURL('wasm/waspada_wasm_bg.wasm') });
  } catch (err) {
    Object.assign(status, { engine: 'failed', list: 'failed', problem: String(err?.message ?? err) });
    throw err;
  }
  status.instances = Math.max(status.instances, 1);
  const settings = engineSettings(await settingsRead);
  let checker;
  try {
    checker = new SafeChecker(await listRead, settings);
    Object.assign(status, { engine: 'ok', list: 'ok', problem: null });
  } catch (err) {
    // The list is refused: keep the heuristics (the same data without the list's entries).
    const problem = String(err?.message ?? err);
    console.error('[waspada] the list did not load; lookalike and pattern checks only', problem);
    try {
      checker = new SafeChecker(await readFile('data/core.bin'), settings);
    } catch (err2) {
      Object.assign(status, { engine: 'failed', list: 'failed', problem: `${problem}; ${err2?.message ?? err2}` });
      throw err2;
    }
    Object.assign(status, { engine: 'ok', list: 'failed', problem });
  }
  console.info(`[waspada] engine ready in ${Math.round(performance.now() - started)} ms`);
  return checker;
}

/** The checker; loads it on first use. A failed load is retried on the next call. */
export function getChecker() {
  if (!pending) {
    pending = load().catch((err) => {
      pending = null;
      throw err;
    });
  }
  return pending;
}

/** Pushes new settings into the loaded checker (if any; otherwise it reads them when it loads). */
export async function applySettings(settings) {
  if (!pending) return;
  const checker = await getChecker();
  checker.setSettings(engineSettings(settings));
}
