// Peer detector for `waspada eval --peer`: MetaMask's eth-phishing-detect (npm, pinned in
// package.json beside this file), the check most wallet extensions ship.
//
// Reads one host per line on stdin (ASCII/punycode, lower-case; an empty line stays empty) and
// prints one line per input: `<flag>\t<type>` where flag is 1 if the peer flags the host, else 0,
// and type is the peer's reason in its legacy names: `blacklist` (its bundled list), `fuzzy`
// (Levenshtein distance <= 3 to one of its protected names), `whitelist` or `all` (no match).
// Its blocklist overlaps Waspada's bundled sources, so `waspada eval` reports the peer both
// as-is and with its list hits set aside (fuzzy only), to compare like with like.
import { createRequire } from 'node:module';
import readline from 'node:readline';

const require = createRequire(import.meta.url);
const PhishingDetector = require('eth-phishing-detect/src/detector.js');
const config = require('eth-phishing-detect/src/config.json');

const detector = new PhishingDetector(config);

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
const out = [];
const flush = () => {
  if (out.length) {
    process.stdout.write(out.join(''));
    out.length = 0;
  }
};
for await (const line of rl) {
  const host = line.trim().toLowerCase();
  if (!host) {
    out.push('0\tempty\n');
  } else {
    let r;
    try {
      r = detector.check(host);
    } catch {
      r = { result: false, type: 'error' };
    }
    out.push(`${r.result ? 1 : 0}\t${r.type}\n`);
  }
  if (out.length >= 4096) flush();
}
flush();
