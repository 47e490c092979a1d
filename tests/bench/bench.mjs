// The speed benchmark of issue 10, side by side with the peers (run by `scripts/bench`).
//
// One Node process (the same V8 as Chrome) loads the built wasm (dist/chrome), MetaMask's
// eth-phishing-detect and tldts (pinned devDependencies) and times them on the same inputs: a
// fixed, seeded mix of 50,000 rows of ../shared/data/dev/ (half phishing URLs and domains from
// positives_dev.tsv, half top sites from negatives_top100k_2024.tsv). It also times native
// `Engine::check` on the same inputs (crate/core/examples/bench_mix.rs), cold starts in fresh
// processes (tests/bench/cold.mjs) with the bundled list and with a synthetic 1,000,000-entry
// list built by the CLI, the worker's memory, and the .wasm's gzipped size. In Chromium with the
// extension (tests/bench/browser.mjs, under `flock /tmp/waspada-e2e.lock`): how soon the warning
// page shows after a navigation to a lookalike starts, warm and cold worker, and the time the
// extension adds to an ordinary page load.
//
// Writes tests/bench/results.json and the generated part of tests/bench/RESULTS.md, prints the
// budgets missed and exits 1 if any is. Timing budgets are not tests: this is never part of
// scripts/test.
//
// Usage: node tests/bench/bench.mjs --native BIN --list-1m FILE [--no-write] [--rows N] [--no-browser]
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { isDeepStrictEqual } from 'node:util';
import os from 'node:os';
import { loadBuild } from './load.mjs';

const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEV = process.env.WASPADA_DEV_DIR || join(ROOT, '..', 'shared', 'data', 'dev');
const CHROME = join(ROOT, 'dist', 'chrome');
const GLUE = join(CHROME, 'wasm', 'waspada_wasm.js');
const WASM = join(CHROME, 'wasm', 'waspada_wasm_bg.wasm');
const LIST = join(CHROME, 'data', 'waspada.bin');
const OUT_DIR = join(ROOT, 'tests', 'bench');
const WORK = join(ROOT, 'target', 'bench');

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
};
const ROWS = Number(arg('--rows', 50000));
const BROWSER = !process.argv.includes('--no-browser');
const NATIVE = arg('--native', join(ROOT, 'target', 'release', 'examples', 'bench_mix'));
const LIST_1M = arg('--list-1m', join(WORK, 'list-1m.bin'));
const COLD_RUNS = Number(arg('--cold-runs', 9));
const WRITE = !process.argv.includes('--no-write');
const LOAD_AT_START = os.loadavg().map((x) => +x.toFixed(2));

const BUDGETS = [
  { key: 'check_median_us', label: 'check, median', max: 5, unit: 'µs' },
  { key: 'check_p99_us', label: 'check, p99', max: 50, unit: 'µs' },
  { key: 'eth_ratio', label: 'eth-phishing-detect median ÷ check median', min: 50, unit: '×' },
  { key: 'tldts_ratio', label: 'check median ÷ tldts.parse median', max: 6, unit: '×' },
  { key: 'cold_ms', label: 'cold start, bundled list (median)', max: 10, unit: 'ms' },
  { key: 'cold_1m_ms', label: 'cold start, 1,000,000-entry list (median)', max: 30, unit: 'ms' },
  { key: 'wasm_native_ratio', label: 'wasm median ÷ native median', max: 2, unit: '×' },
  { key: 'wasm_gzip_kb', label: '.wasm gzipped', max: 200, unit: 'KB' },
  { key: 'warning_warm_ms', label: 'browser: warning shown after navigation start, warm worker (median)', max: 50, unit: 'ms' },
  { key: 'warning_cold_ms', label: 'browser: warning shown after navigation start, cold worker (median)', max: 50, unit: 'ms' },
];

// ---- inputs --------------------------------------------------------------------------------
for (const f of [GLUE, WASM, LIST]) {
  if (!existsSync(f)) {
    console.error(`bench: ${f} is missing: run scripts/build-extension first`);
    process.exit(2);
  }
}
const positivesFile = join(DEV, 'positives_dev.tsv');
const negativesFile = join(DEV, 'negatives_top100k_2024.tsv');
if (!existsSync(positivesFile) || !existsSync(negativesFile)) {
  console.log(`bench skipped: no dev sets in ${DEV} (positives_dev.tsv, negatives_top100k_2024.tsv)`);
  process.exit(0);
}

/** mulberry32: a small seeded PRNG, so the mix is the same on every run and machine. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const column = (file, col) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t')[col]?.trim())
    .filter((x) => x);
/** `k` distinct items of `xs`, drawn with `rand` (partial Fisher–Yates on a copy). */
function sample(xs, k, rand) {
  const a = [...xs];
  const n = Math.min(k, a.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rand() * (a.length - i));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, n);
}
const rand = rng(20261202);
const mix = [...sample(column(positivesFile, 0), ROWS / 2, rand), ...sample(column(negativesFile, 1), ROWS / 2, rand)].filter(
  (x) => !x.includes('\n'),
);
for (let i = mix.length - 1; i > 0; i--) {
  const j = Math.floor(rand() * (i + 1));
  [mix[i], mix[j]] = [mix[j], mix[i]];
}
mkdirSync(WORK, { recursive: true });
const MIX_FILE = join(WORK, 'mix.txt');
writeFileSync(MIX_FILE, mix.join('\n') + '\n');
/** The host eth-phishing-detect takes (it checks domains, not URLs); worked out before timing. */
const hostOf = (input) => {
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:/i.test(input) ? input : `http://${input}`).hostname;
  } catch {
    return input.toLowerCase();
  }
};
const hosts = mix.map(hostOf);

// ---- timing helpers --------------------------------------------------------------------------
const sorted = (xs) => Float64Array.from(xs).sort();
const at = (s, p) => s[Math.min(s.length - 1, Math.floor(s.length * p))];
const round = (x, d = 2) => +x.toFixed(d);
function stats(samplesUs) {
  const s = sorted(samplesUs);
  const mean = samplesUs.reduce((a, b) => a + b, 0) / samplesUs.length;
  return { median_us: round(at(s, 0.5), 3), p99_us: round(at(s, 0.99), 2), max_us: round(s[s.length - 1], 1), mean_us: round(mean, 3), n: s.length };
}
// performance.now() costs tens of ns; its median cost is taken off every sample.
const overheadUs = (() => {
  const xs = [];
  for (let i = 0; i < 200000; i++) {
    const t0 = performance.now();
    xs.push((performance.now() - t0) * 1000);
  }
  return at(sorted(xs), 0.5);
})();
/** One warm-up pass over `warm` inputs, then one timed call per input. */
function time(fn, inputs, warm = inputs.length) {
  for (let i = 0; i < warm; i++) fn(inputs[i]);
  const out = new Float64Array(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    const x = inputs[i];
    const t0 = performance.now();
    fn(x);
    out[i] = Math.max(0, (performance.now() - t0) * 1000 - overheadUs);
  }
  return stats(out);
}

// ---- in-process: wasm, tldts, eth-phishing-detect ---------------------------------------------
const wasmBytes = readFileSync(WASM);
// The check the extension makes (engine.js): checkCompact, read into the verdict object by
// lib/verdict.js. `Checker.check` (the object built by serde-wasm-bindgen) is timed beside it.
const { mod, checker, check, path: checkPath } = await loadBuild(CHROME, LIST);
let digest = 0n;
let differ = 0;
for (const u of mix) {
  const v = check(u);
  if (!isDeepStrictEqual(v, checker.check(u))) differ++;
  digest = (digest * 31n + BigInt(v.score)) & 0xffffffffffffffffn;
}
if (differ) console.warn(`bench: WARNING ${differ} compact verdicts differ from Checker.check`);
const wasmDigest = digest.toString(16).padStart(16, '0');
console.log(`bench: ${mix.length} inputs; timer overhead ${overheadUs.toFixed(3)} µs (subtracted)`);
const wasm = time(check, mix);
console.log(`bench: waspada wasm check (${checkPath})`, wasm);
const wasmSerde = time((u) => checker.check(u), mix);
console.log('bench: waspada wasm Checker.check (serde-wasm-bindgen)', wasmSerde);
const tldts = require('tldts');
const tl = time((u) => tldts.parse(u), mix);
console.log('bench: tldts.parse', tl);
const PhishingDetector = require('eth-phishing-detect/src/detector.js');
const detector = new PhishingDetector(require('eth-phishing-detect/src/config.json'));
const eth = time((h) => detector.check(h), hosts, 2000);
console.log('bench: eth-phishing-detect check', eth);

// The same inputs against the 1M-entry list (same engine, bigger blocklist section).
let wasm1m = null;
if (existsSync(LIST_1M)) {
  const big = await loadBuild(CHROME, LIST_1M);
  wasm1m = time(big.check, mix);
  big.checker.free();
  console.log('bench: waspada wasm check, 1M list', wasm1m);
}

// ---- native -------------------------------------------------------------------------------------
let native = null;
if (existsSync(NATIVE)) {
  native = JSON.parse(execFileSync(NATIVE, [LIST, MIX_FILE], { encoding: 'utf8', maxBuffer: 1 << 20 }));
  console.log('bench: native check', native);
  if (native.digest !== wasmDigest) console.warn(`bench: WARNING native and wasm verdicts differ (digest ${native.digest} vs ${wasmDigest})`);
} else console.warn(`bench: no native timer at ${NATIVE} (cargo build --release -p waspada-core --example bench_mix)`);

// ---- cold start and memory, fresh processes ----------------------------------------------------------
function cold(list) {
  const runs = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const out = execFileSync(process.execPath, ['--expose-gc', join(OUT_DIR, 'cold.mjs'), GLUE, WASM, list, 'http://klikbca-login.com/login'], { encoding: 'utf8' });
    runs.push(JSON.parse(out));
  }
  const med = (k) => round(at(sorted(runs.map((r) => r[k])), 0.5), 2);
  return {
    runs: runs.length,
    total_ms: med('total_ms'),
    total_max_ms: round(Math.max(...runs.map((r) => r.total_ms)), 2),
    read_ms: med('read_ms'),
    instantiate_ms: med('instantiate_ms'),
    load_ms: med('load_ms'),
    first_check_ms: med('first_check_ms'),
    memory_mib: runs[Math.floor(runs.length / 2)].memory_mib,
  };
}
const coldBundled = cold(LIST);
console.log('bench: cold start, bundled list', coldBundled);
const cold1m = existsSync(LIST_1M) ? cold(LIST_1M) : null;
if (cold1m) console.log('bench: cold start, 1M list', cold1m);
else console.warn(`bench: no 1M-entry list at ${LIST_1M} (scripts/bench builds it)`);

// ---- in the browser (Chromium with the extension, under the machine-wide browser lock) -------------
let browser = null;
if (BROWSER) {
  try {
    const out = execFileSync('flock', ['/tmp/waspada-e2e.lock', process.execPath, join(OUT_DIR, 'browser.mjs'), '--runs', String(COLD_RUNS)], {
      encoding: 'utf8',
      timeout: 600000,
    });
    browser = JSON.parse(out.trim().split('\n').pop());
    console.log('bench: browser', browser);
  } catch (err) {
    console.warn(`bench: the browser measurement failed: ${err.message}`);
  }
}

// ---- result -------------------------------------------------------------------------------------
const gz = gzipSync(wasmBytes, { level: 9 }).length;
const git = (...a) => {
  try {
    return execFileSync('git', a, { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
};
const info = checker.info();
const values = {
  check_median_us: wasm.median_us,
  check_p99_us: wasm.p99_us,
  eth_ratio: round(eth.median_us / wasm.median_us, 1),
  tldts_ratio: round(wasm.median_us / tl.median_us, 1),
  cold_ms: coldBundled.total_ms,
  cold_1m_ms: cold1m?.total_ms ?? null,
  wasm_native_ratio: native ? round(wasm.median_us / native.median_us, 2) : null,
  wasm_gzip_kb: round(gz / 1024, 1),
  warning_warm_ms: browser?.warning_warm.median_ms ?? null,
  warning_cold_ms: browser?.warning_cold.median_ms ?? null,
};
const budgets = BUDGETS.map((b) => {
  const v = values[b.key];
  const met = v == null ? null : b.max != null ? v <= b.max : v >= b.min;
  return { ...b, value: v, met };
});
const result = {
  date: new Date().toISOString(),
  commit: git('rev-parse', '--short', 'HEAD') + (git('status', '--porcelain', '--untracked-files=no') ? '+dirty' : ''),
  machine: {
    cpu: os.cpus()[0]?.model,
    cpus: os.cpus().length,
    memory_gib: round(os.totalmem() / 2 ** 30, 1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    load_average_at_start: LOAD_AT_START,
    load_average_at_end: os.loadavg().map((x) => round(x, 2)),
  },
  inputs: { rows: mix.length, seed: 20261202, sources: ['positives_dev.tsv (column 1)', 'negatives_top100k_2024.tsv (column 2)'], timer_overhead_us: round(overheadUs, 3) },
  list: { version: info.list_version, entries: info.total, bytes: readFileSync(LIST).length },
  wasm: { bytes: wasmBytes.length, gzip_bytes: gz, digest: wasmDigest },
  check: { path: checkPath, waspada_wasm: wasm, waspada_wasm_serde: wasmSerde, compact_differing: differ, waspada_wasm_1m_list: wasm1m, waspada_native: native, tldts_parse: tl, eth_phishing_detect: eth },
  cold_start: { bundled: coldBundled, list_1m: cold1m },
  browser,
  budgets: budgets.map(({ key, label, value, max, min, unit, met }) => ({ key, label, value, max, min, unit, met })),
};

const fmt = (s) => (s ? `${s.median_us} | ${s.p99_us} | ${s.max_us} | ${s.mean_us}` : '— | — | — | —');
const table = `<!-- bench:begin (generated by scripts/bench; edit outside the markers) -->
Run ${result.date.slice(0, 16).replace('T', ' ')} UTC, commit \`${result.commit}\`, ${result.machine.cpus}× ${result.machine.cpu}, ${result.machine.memory_gib} GiB, ${result.machine.os}, Node ${result.machine.node} (V8 ${result.machine.v8}); load average ${LOAD_AT_START.join(' / ')} at the start, ${result.machine.load_average_at_end.join(' / ')} at the end (shared machine).
Inputs: ${mix.length} rows (seed ${result.inputs.seed}): half \`positives_dev.tsv\`, half \`negatives_top100k_2024.tsv\`; list ${info.list_version}, ${info.total.toLocaleString('en')} entries. Timer overhead ${round(overheadUs, 3)} µs subtracted from every sample.

| per call (µs) | median | p99 | max | mean |
|---|---|---|---|---|
| Waspada check as the extension makes it (wasm \`checkCompact\` + \`lib/verdict.js\`, verdict object included) | ${fmt(wasm)} |
| Waspada \`Checker.check\` (wasm, the object built by serde-wasm-bindgen) | ${fmt(wasmSerde)} |
| Waspada check as the extension makes it, 1,000,000-entry list | ${fmt(wasm1m)} |
| Waspada \`Engine::check\` (native, release) | ${native ? `${round(native.median_us, 3)} | ${round(native.p99_us, 2)} | ${round(native.max_us, 1)} | ${round(native.mean_us, 3)}` : '— | — | — | —'} |
| \`tldts.parse\` (${require('tldts/package.json').version}) | ${fmt(tl)} |
| eth-phishing-detect \`check\` (${require('eth-phishing-detect/package.json').version}, on the host) | ${fmt(eth)} |

| cold start (fresh process, median of ${coldBundled.runs}) | read files | compile + instantiate | load list | first check | total | max |
|---|---|---|---|---|---|---|
| bundled list (${(result.list.bytes / 1e6).toFixed(2)} MB) | ${coldBundled.read_ms} | ${coldBundled.instantiate_ms} | ${coldBundled.load_ms} | ${coldBundled.first_check_ms} | **${coldBundled.total_ms} ms** | ${coldBundled.total_max_ms} |
${cold1m ? `| 1,000,000-entry list (${(readFileSync(LIST_1M).length / 1e6).toFixed(2)} MB) | ${cold1m.read_ms} | ${cold1m.instantiate_ms} | ${cold1m.load_ms} | ${cold1m.first_check_ms} | **${cold1m.total_ms} ms** | ${cold1m.total_max_ms} |` : '| 1,000,000-entry list | — | — | — | — | — | — |'}

Memory after the first check, bundled list: wasm linear memory ${coldBundled.memory_mib.wasm_linear} MiB, JS array buffers ${coldBundled.memory_mib.array_buffers} MiB, JS heap ${coldBundled.memory_mib.js_heap_used} MiB, process RSS ${coldBundled.memory_mib.rss} MiB (+${coldBundled.memory_mib.rss_added} MiB over an idle Node); once the read copy of the list is collected (the core keeps its own in wasm memory), JS array buffers ${coldBundled.memory_mib.array_buffers_after_gc ?? '—'} MiB, RSS ${coldBundled.memory_mib.rss_after_gc ?? '—'} MiB.${cold1m ? ` With the 1M list: wasm ${cold1m.memory_mib.wasm_linear} MiB, RSS ${cold1m.memory_mib.rss} MiB.` : ''}
.wasm: ${wasmBytes.length.toLocaleString('en')} B, ${gz.toLocaleString('en')} B gzipped (-9).
${
  browser
    ? `
| in Chromium ${browser.chromium} with the extension (ms after the navigation started; median / max of ${browser.warning_warm.runs}) | warning page navigation starts | warning shown (its DOMContentLoaded) |
|---|---|---|
| lookalike \`${browser.lookalike}\` (the core decides), warm worker | ${browser.redirect_warm.median_ms} / ${browser.redirect_warm.max_ms} | **${browser.warning_warm.median_ms}** / ${browser.warning_warm.max_ms} |
| the same, cold worker (all service workers stopped first) | ${browser.redirect_cold.median_ms} / ${browser.redirect_cold.max_ms} | **${browser.warning_cold.median_ms}** / ${browser.warning_cold.max_ms} |
| a host of the list (static declarativeNetRequest rules) | ${browser.redirect_listed.median_ms} / ${browser.redirect_listed.max_ms} | ${browser.warning_listed.median_ms} / ${browser.warning_listed.max_ms} |

An ordinary page (local server, load event, median of ${browser.page_load_with_extension.runs}): ${browser.page_load_with_extension.median_ms} ms with the extension, ${browser.page_load_without.median_ms} ms without: **${browser.page_load_added_ms} ms added**.
`
    : '\nIn the browser: not measured (--no-browser, or the run failed).\n'
}
| budget | value | target | |
|---|---|---|---|
${budgets.map((b) => `| ${b.label} | ${b.value ?? '—'} ${b.unit} | ${b.max != null ? `≤ ${b.max}` : `≥ ${b.min}`} ${b.unit} | ${b.met == null ? 'not measured' : b.met ? 'met' : '**missed**'} |`).join('\n')}
<!-- bench:end -->`;

if (WRITE) {
  writeFileSync(join(OUT_DIR, 'results.json'), JSON.stringify(result, null, 2) + '\n');
  const md = join(OUT_DIR, 'RESULTS.md');
  const old = existsSync(md) ? readFileSync(md, 'utf8') : '# Speed benchmark (`scripts/bench`)\n\n<!-- bench:begin -->\n<!-- bench:end -->\n';
  const re = /<!-- bench:begin[^]*?<!-- bench:end -->/;
  writeFileSync(md, re.test(old) ? old.replace(re, table) : `${old.trimEnd()}\n\n${table}\n`);
  console.log(`bench: wrote ${join('tests', 'bench', 'results.json')} and ${join('tests', 'bench', 'RESULTS.md')}`);
}
console.log('\n' + table.split('\n').slice(1, -1).join('\n') + '\n');
const missed = budgets.filter((b) => b.met === false);
const unmeasured = budgets.filter((b) => b.met == null);
for (const b of unmeasured) console.log(`bench: not measured: ${b.label}`);
if (missed.length) {
  for (const b of missed) console.log(`bench: MISSED ${b.label}: ${b.value} ${b.unit} (target ${b.max != null ? `≤ ${b.max}` : `≥ ${b.min}`} ${b.unit})`);
  process.exit(1);
}
console.log('bench: every budget met');
