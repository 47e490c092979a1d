// A/B of two builds of the extension's wasm in one Node process, interleaved in small blocks
// on the bench's input mix, so the load of a shared machine falls on both alike (the absolute
// numbers of a loaded machine are worthless; the ratio holds). Also checks that both builds
// return the same verdict objects.
// Usage: node tests/bench/ab.mjs DIR_A DIR_B [MIX.txt]   (DIR = a dist/chrome directory;
//        MIX defaults to target/bench/mix.txt, written by scripts/bench)
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { loadBuild } from './load.mjs';

const [a, b, mixFile = 'target/bench/mix.txt'] = process.argv.slice(2);
if (!a || !b) {
  console.error('usage: node tests/bench/ab.mjs DIR_A DIR_B [MIX.txt]');
  process.exit(2);
}
// Each build is timed on the path its extension takes (tests/bench/load.mjs).
const builds = [await loadBuild(a), await loadBuild(b)];
const checkers = builds.map((x) => ({ check: x.check }));
const mix = readFileSync(mixFile, 'utf8').split('\n').filter(Boolean);
let differ = 0;
for (const u of mix) if (!isDeepStrictEqual(checkers[0].check(u), checkers[1].check(u))) differ++;
const samples = [[], []];
const BLOCK = 500;
for (let round = 0; round < 2; round++) {
  for (let i = 0; i < mix.length; i += BLOCK) {
    for (const k of round ? [1, 0] : [0, 1]) {
      const c = checkers[k];
      for (let j = i; j < Math.min(i + BLOCK, mix.length); j++) {
        const t0 = performance.now();
        c.check(mix[j]);
        samples[k].push((performance.now() - t0) * 1000);
      }
    }
  }
}
const q = (xs, p) => Float64Array.from(xs).sort()[Math.floor(xs.length * p)];
const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
for (const [k, dir] of [a, b].entries()) {
  const s = samples[k];
  console.log(`${k ? 'B' : 'A'} ${dir} (${builds[k].path}): median ${q(s, 0.5).toFixed(2)} µs, p90 ${q(s, 0.9).toFixed(2)}, p99 ${q(s, 0.99).toFixed(1)}, mean ${mean(s).toFixed(2)}`);
}
console.log(`B/A: median ${(q(samples[1], 0.5) / q(samples[0], 0.5)).toFixed(3)}, mean ${(mean(samples[1]) / mean(samples[0])).toFixed(3)}; verdicts differing: ${differ} of ${mix.length}`);
process.exit(differ ? 1 : 0);
