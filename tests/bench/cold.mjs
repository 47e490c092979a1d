// One cold start of the wasm core, in a fresh Node process (run by tests/bench/bench.mjs):
// read the module and the list (the worker's fetch), compile + instantiate the module, load the
// list (`new Checker`), the first check. Prints one JSON line with each stage's time and the
// process's memory after the first check.
// Usage: node tests/bench/cold.mjs GLUE.js MODULE.wasm LIST.bin INPUT
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [glue, wasmPath, listPath, input] = process.argv.slice(2);
const before = process.memoryUsage();
const mod = await import(pathToFileURL(glue).href);
// The extension reads verdicts with lib/verdict.js (a static import of its worker's modules).
const readerPath = join(dirname(glue), '..', 'lib', 'verdict.js');
const { verdictReader } = existsSync(readerPath) ? await import(pathToFileURL(readerPath).href) : {};
// The glue's init asks `module instanceof Response`. In a browser's worker `Response` is built in;
// in Node 20 the first read of `globalThis.Response` loads its fetch implementation (undici),
// ~15 ms that the extension never pays and that this harness used to count as "compile +
// instantiate". Read it before the clock starts.
void globalThis.Response;
const t0 = performance.now();
// `let`: dropped once loaded, as the worker drops its fetched copy (lib/engine.js).
let [wasmBytes, listBuf] = await Promise.all([readFile(wasmPath), readFile(listPath)]);
const t1 = performance.now();
const exports = await mod.default({ module_or_path: wasmBytes });
const t2 = performance.now();
const checker = new mod.Checker(new Uint8Array(listBuf.buffer, listBuf.byteOffset, listBuf.byteLength), undefined);
const t3 = performance.now();
// As engine.js: the reader's tables are read once the checker is built, then the check.
let verdict;
if (verdictReader && typeof checker.checkCompact === 'function') {
  const read = verdictReader(exports, { levels: mod.levels(), reasonCodes: mod.reasonCodes(), paramKeys: mod.paramKeys() });
  verdict = read(checker.checkCompact(input), input);
} else verdict = checker.check(input);
const t4 = performance.now();
const after = process.memoryUsage();
// What stays once the garbage is collected (with `--expose-gc`): the read copy of the list is
// garbage after `new Checker` (the core keeps its own, in wasm memory), as in the worker.
listBuf = null;
wasmBytes = null;
// V8 frees array buffers' memory in a task after the collection: collect, let it run, again.
for (let i = 0; globalThis.gc && i < 3; i++) {
  globalThis.gc();
  await new Promise((r) => setTimeout(r, 5));
}
const settled = globalThis.gc ? process.memoryUsage() : null;
const mib = (b) => +(b / 1048576).toFixed(2);
console.log(
  JSON.stringify({
    read_ms: t1 - t0,
    instantiate_ms: t2 - t1,
    load_ms: t3 - t2,
    first_check_ms: t4 - t3,
    total_ms: t4 - t0,
    verdict: verdict.verdict,
    memory_mib: {
      wasm_linear: mib(exports.memory.buffer.byteLength),
      rss: mib(after.rss),
      rss_added: mib(after.rss - before.rss),
      js_heap_used: mib(after.heapUsed),
      array_buffers: mib(after.arrayBuffers),
      ...(settled ? { rss_after_gc: mib(settled.rss), array_buffers_after_gc: mib(settled.arrayBuffers) } : {}),
    },
  }),
);
