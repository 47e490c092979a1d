// Benchmark of the wasm core in Node (the engine the extension runs): module instantiation,
// list load (`new Checker(bytes)`), and check time per URL on a fixed mix of inputs.
// Usage: node tests/e2e/bench-wasm.mjs [--out tests/e2e/bench-results.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import os from 'node:os';
import { CHROME_DIR, listedHosts, requireBuild } from './helpers.mjs';

requireBuild();
const wasmBytes = readFileSync(join(CHROME_DIR, 'wasm', 'waspada_wasm_bg.wasm'));
const listBytes = new Uint8Array(readFileSync(join(CHROME_DIR, 'data', 'waspada.bin')));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

// 1. instantiate: compile + instantiate the module (fresh import each round defeats the module cache).
const instantiate = [];
let mod;
for (let i = 0; i < 5; i++) {
  const url = `${pathToFileURL(join(CHROME_DIR, 'wasm', 'waspada_wasm.js')).href}?round=${i}`;
  const t0 = performance.now();
  mod = await import(url);
  await mod.default({ module_or_path: wasmBytes });
  instantiate.push(performance.now() - t0);
}

// 2. load the list (validates header, checksum and sections; views sections in place).
const load = [];
let checker;
for (let i = 0; i < 10; i++) {
  const t0 = performance.now();
  checker = new mod.Checker(listBytes, undefined);
  load.push(performance.now() - t0);
}

// 3. check: listed hosts (with paths), popular/safe sites, lookalike-ish and random names.
const hosts = listedHosts();
const inputs = [];
for (let i = 0; i < 2000; i++) inputs.push(`https://${hosts[(i * 7919) % hosts.length].host}/login?id=${i}`);
for (const s of ['google.com', 'www.tokopedia.com', 'bca.co.id', 'klikbca.com', 'shopee.co.id', 'github.com', 'wikipedia.org']) {
  for (let i = 0; i < 150; i++) inputs.push(`https://${s}/path/${i}?q=x`);
}
for (let i = 0; i < 2000; i++) inputs.push(`http://${['klikbca', 'bri', 'dana', 'paypal', 'shopee'][i % 5]}-${['login', 'promo', 'bonus', 'verifikasi'][i % 4]}${i}.xyz/akun`);
for (let i = 0; i < 2000; i++) inputs.push(`https://${((i * 2654435761) >>> 0).toString(36)}.example-${i % 50}.com/`);
for (let i = 0; i < 1000; i++) checker.check(inputs[i]); // warm up
const rounds = [];
const perUrl = [];
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  for (const u of inputs) checker.check(u);
  const dt = performance.now() - t0;
  rounds.push(dt);
  perUrl.push((dt * 1000) / inputs.length);
}
// Single-check latency distribution (what one navigation costs).
const single = [];
for (let i = 0; i < 3000; i++) {
  const u = inputs[(i * 31) % inputs.length];
  const t0 = performance.now();
  checker.check(u);
  single.push((performance.now() - t0) * 1000);
}

const result = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, platform: `${os.platform()} ${os.arch()}` },
  wasm_bytes: wasmBytes.length,
  list_bytes: listBytes.length,
  list: checker.info(),
  instantiate_ms: { median: +median(instantiate).toFixed(2), first: +instantiate[0].toFixed(2) },
  load_list_ms: { median: +median(load).toFixed(2), first: +load[0].toFixed(2) },
  check_us_per_url: { median: +median(perUrl).toFixed(2), inputs: inputs.length },
  single_check_us: { p50: +pct(single, 0.5).toFixed(1), p99: +pct(single, 0.99).toFixed(1), max: +Math.max(...single).toFixed(1) },
};
console.log(JSON.stringify(result, null, 2));
const outAt = process.argv.indexOf('--out');
if (outAt > 0 && process.argv[outAt + 1]) writeFileSync(process.argv[outAt + 1], JSON.stringify(result, null, 2) + '\n');
