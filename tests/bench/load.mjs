// Loads a built extension's wasm (a dist/chrome directory) into this process and returns the
// check the extension itself makes: `checkCompact` read by lib/verdict.js, as
// extension/lib/engine.js does. A build from before the compact verdict falls back to
// `Checker.check` (serde-wasm-bindgen), so tests/bench/ab.mjs can compare across that change.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export async function loadBuild(dir, list = join(dir, 'data', 'waspada.bin')) {
  const d = resolve(dir);
  const mod = await import(pathToFileURL(join(d, 'wasm', 'waspada_wasm.js')).href);
  const exports = await mod.default({ module_or_path: readFileSync(join(d, 'wasm', 'waspada_wasm_bg.wasm')) });
  const checker = new mod.Checker(new Uint8Array(readFileSync(list)), undefined);
  const reader = join(d, 'lib', 'verdict.js');
  let check = (u) => checker.check(u);
  let path = 'Checker.check (serde-wasm-bindgen)';
  if (typeof checker.checkCompact === 'function' && existsSync(reader)) {
    const { verdictReader } = await import(pathToFileURL(reader).href);
    const read = verdictReader(exports, { levels: mod.levels(), reasonCodes: mod.reasonCodes(), paramKeys: mod.paramKeys() });
    check = (u) => read(checker.checkCompact(u), u);
    path = 'Checker.checkCompact + lib/verdict.js';
  }
  return { mod, exports, checker, check, path };
}
