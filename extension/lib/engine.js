// Loads the wasm core and the bundled list once per background start, lazily, and caches them.
import init, { Checker } from '../wasm/waspada_wasm.js';
import { api } from './platform.js';
import { engineSettings, loadSettings } from './settings.js';

let pending = null;

/** A checker over the bundled list, with its checks hardened: should the core ever trap (a bug,
 *  never bad input by design), the checker is rebuilt from the same bytes and the call retried once. */
class SafeChecker {
  constructor(bytes, settings) {
    this.bytes = bytes;
    this.settings = settings;
    this.inner = new Checker(bytes, settings);
  }
  /** Runs `call` on the checker; after a trap, rebuilds the checker and runs it once more. */
  guarded(call) {
    try {
      return call(this.inner);
    } catch (err) {
      if (!(err instanceof WebAssembly.RuntimeError)) throw err;
      console.error('[waspada] the core trapped; rebuilding the checker', err);
      this.inner = new Checker(this.bytes, this.settings);
      return call(this.inner);
    }
  }
  check(url) {
    return this.guarded((c) => c.check(url));
  }
  checkPage(url, facts) {
    return this.guarded((c) => c.checkPage(url, facts));
  }
  pageCheckApplies(verdict) {
    return this.guarded((c) => c.pageCheckApplies(verdict));
  }
  setSettings(settings) {
    this.settings = settings;
    this.inner.setSettings(settings);
  }
  info() {
    return this.inner.info();
  }
}

async function load() {
  const started = performance.now();
  await init({ module_or_path: api.runtime.getURL('wasm/waspada_wasm_bg.wasm') });
  const response = await fetch(api.runtime.getURL('data/waspada.bin'));
  if (!response.ok) throw new Error(`cannot read the bundled list (${response.status})`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const checker = new SafeChecker(bytes, engineSettings(await loadSettings()));
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
