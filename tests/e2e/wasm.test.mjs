// The wasm binding, tested in Node over the built package (dist/chrome/wasm): loading, verdicts
// identical to the CLI's JSON, errors as exceptions (never traps), settings, hostile input.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadWasm, listBytes, listedHosts, pickBlockedHost, ROOT, DIST, CHROME_DIR } from './helpers.mjs';

let wasm;
let checker;
before(async () => {
  wasm = await loadWasm();
  checker = new wasm.Checker(listBytes(), undefined);
});

const LEVELS = ['safe', 'suspicious', 'dangerous', 'blocked', 'invalid'];

test('the list loads and reports its version, date and counts', () => {
  const info = checker.info();
  assert.match(info.list_version, /^\d{4}\.\d{2}\.\d{2}$/);
  assert.match(info.build_date, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(info.wasm_version, wasm.version());
  const hosts = listedHosts();
  const crypto = hosts.filter((h) => h.category === 'crypto').length;
  assert.ok(info.counts.crypto >= crypto, `counts.crypto ${info.counts.crypto} < ${crypto} crypto hosts`);
  assert.equal(info.total, Object.values(info.counts).reduce((a, b) => a + b, 0));
});

test('a listed host and its subdomains are blocked, with the category in the reason', () => {
  const host = pickBlockedHost();
  for (const url of [`http://${host}/`, `https://login.${host}/wallet?x=1`]) {
    const v = checker.check(url);
    assert.equal(v.verdict, 'blocked', url);
    const reason = v.reasons.find((r) => r.code === 'list.blocked');
    assert.ok(reason, `no list.blocked reason for ${url}`);
    assert.ok(['phishing', 'scam', 'malware', 'crypto', 'gambling'].includes(reason.params.category));
  }
});

test('verdicts are the same objects as the CLI prints with --json', () => {
  const cli = join(ROOT, 'target', 'release', 'waspada');
  const inputs = [
    'example.com', `http://${pickBlockedHost()}/`, `https://a.b.${pickBlockedHost(1)}/x`,
    'https://bca.co.id@evil.top/', 'http://xn--80ak6aa92e.com/', 'klikbca-login.com', 'not a url at all',
    'javascript:alert(1)', 'http://192.168.1.1/login', 'https://www.tokopedia.com/', 'http://[::1]/',
  ];
  // `--no-blocklist` is not passed: both use the same built list file.
  const run = spawnSync(cli, ['check', '--json', '--blocklist', join(DIST, 'common', 'data', 'waspada.bin'), ...inputs], {
    encoding: 'utf8',
  });
  assert.ok([0, 1, 4].includes(run.status), `CLI failed: ${run.stderr}`);
  const lines = run.stdout.trim().split('\n');
  assert.equal(lines.length, inputs.length);
  inputs.forEach((input, i) => assert.deepEqual(checker.check(input), JSON.parse(lines[i]), input));
  assert.deepEqual(checker.checkMany(inputs), lines.map((l) => JSON.parse(l)));
});

test('a refused list file is a JS exception with a clear message, never a trap', () => {
  const good = listBytes();
  const flipped = good.slice();
  flipped[good.length - 3] ^= 0x40;
  const newer = good.slice();
  newer[8] = 99;
  const cases = [
    [new Uint8Array(0), /truncated|magic/],
    [new TextEncoder().encode('<html>this is not a list file, it is a web page</html>'.repeat(3)), /not a Waspada list file/],
    [good.slice(0, 40), /truncated/],
    [good.slice(0, good.length - 8), /truncated/],
    [flipped, /corrupt/],
    [newer, /format version 99 is not supported/],
  ];
  for (const [bytes, message] of cases) {
    assert.throws(
      () => new wasm.Checker(bytes, undefined),
      (err) => {
        assert.ok(!(err instanceof WebAssembly.RuntimeError), `trapped: ${err}`);
        assert.match(err.message, /cannot load the Waspada list/);
        assert.match(err.message, message);
        return true;
      },
    );
  }
  // The module still works after refusing bad files.
  assert.equal(new wasm.Checker(good, {}).check('example.com').verdict, 'safe');
});

test('malformed settings are refused with a message; good settings change verdicts', () => {
  assert.throws(() => new wasm.Checker(listBytes(), { sensitivity: 'paranoid' }), /invalid Waspada settings/);
  assert.throws(() => new wasm.Checker(listBytes(), { trusted: 'not-a-list' }), /invalid Waspada settings/);
  const host = pickBlockedHost();
  const c = new wasm.Checker(listBytes(), { trusted: [host] });
  const v = c.check(`http://${host}/`);
  assert.equal(v.verdict, 'safe');
  assert.ok(v.reasons.some((r) => r.code === 'trust.user'));
  c.setSettings({});
  assert.equal(c.check(`http://${host}/`).verdict, 'blocked');
  const category = listedHosts().find((h) => h.host === host).category;
  c.setSettings({ disabled_categories: [category] });
  assert.notEqual(c.check(`http://${host}/`).verdict, 'blocked');
  assert.throws(() => c.setSettings({ disabled_categories: ['everything'] }), /invalid Waspada settings/);
});

test('hostile and random input always gives a verdict, never an exception', () => {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const alphabet = ['a', '.', '/', ':', '@', '%', '[', ']', '\u0430', '\u200b', '\uffff', 'xn--', '0', '#', '?', ' ', '\\', '\u0000', '\ud83d\ude00', '..'];
  const inputs = ['', ' ', 'http://', 'https://[', 'http://%zz/', 'http://a..b/', `http://${'a.'.repeat(300)}com/`,
    `http://x.com/${'%'.repeat(5000)}`, 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'http://0x7f.1/',
    'http://4294967296/', 'http://[::ffff:127.0.0.1]/', 'HTTP://EXAMPLE.COM:99999/', 'http://\u00e9xample.com/'];
  for (let i = 0; i < 3000; i++) {
    const n = 1 + Math.floor(rnd() * 40);
    let s = rnd() < 0.5 ? 'http://' : '';
    for (let j = 0; j < n; j++) s += alphabet[Math.floor(rnd() * alphabet.length)];
    inputs.push(s);
  }
  for (const input of inputs) {
    const v = checker.check(input);
    assert.ok(LEVELS.includes(v.verdict), `${JSON.stringify(input)} -> ${v.verdict}`);
    assert.equal(v.input, input);
    assert.ok(Number.isInteger(v.score) && v.score >= 0 && v.score <= 100);
  }
});

test('my protected sites are fed to the lookalike check', () => {
  const plain = new wasm.Checker(listBytes(), {});
  const mine = new wasm.Checker(listBytes(), { protected: ['bankkoperasiku.co.id'] });
  for (const imitation of ['bankkoperasikuu.co.id', 'http://bankkoperasiku.co.id.verify.xyz/']) {
    assert.equal(plain.check(imitation).suggestion, null, imitation);
    const v = mine.check(imitation);
    assert.ok(['suspicious', 'dangerous'].includes(v.verdict), `${imitation}: ${v.verdict}`);
    assert.equal(v.suggestion, 'bankkoperasiku.co.id');
  }
  assert.equal(mine.check('https://bankkoperasiku.co.id/').verdict, 'safe');
});

test('checkPage: a brand sign-in form on a suspicious address is dangerous; malformed facts throw', () => {
  const url = 'https://akun-7731.weebly.com/';
  assert.equal(checker.check(url).verdict, 'suspicious');
  const v = checker.checkPage(url, { password_field: true, text: 'Internet Banking KlikBCA - Masuk' });
  assert.equal(v.verdict, 'dangerous');
  assert.deepEqual(
    v.reasons.filter((r) => r.code.startsWith('page.')).map((r) => r.code),
    ['page.credential_form', 'page.brand'],
  );
  assert.equal(v.suggestion, 'klikbca.com');
  // Nothing seen, or a safe address: the address's verdict, unchanged.
  assert.deepEqual(checker.checkPage(url, {}), checker.check(url));
  assert.deepEqual(checker.checkPage('https://example.com/', { password_field: true, text: 'KlikBCA' }), checker.check('https://example.com/'));
  // Which pages the extension probes: suspicious addresses and users' pages of abused platforms.
  assert.equal(checker.pageCheckApplies(checker.check(url)), true);
  assert.equal(checker.pageCheckApplies(checker.check('https://someone.github.io/')), true);
  assert.equal(checker.pageCheckApplies(checker.check('https://example.com/')), false);
  assert.equal(checker.pageCheckApplies(checker.check(pickBlockedHost())), false);
  assert.throws(() => checker.pageCheckApplies({ verdict: 'nope' }), /not a Waspada verdict/);
  for (const bad of [null, 'facts', { password_field: 'yes' }, { text: 42 }]) {
    assert.throws(() => checker.checkPage(url, bad), /invalid page facts/, JSON.stringify(bad));
  }
});

test('the compact verdict the extension reads is the same object as Checker.check, on every kind of input', async () => {
  const { verdictReader } = await import(pathToFileURL(join(CHROME_DIR, 'lib', 'verdict.js')).href);
  const exports = await wasm.default(); // the instance loaded above
  const c = new wasm.Checker(listBytes(), { protected: ['bankkoperasiku.co.id'] });
  const read = verdictReader(exports, { levels: wasm.levels(), reasonCodes: wasm.reasonCodes(), paramKeys: wasm.paramKeys() });
  const compact = (input) => read(c.checkCompact(input), input);
  const inputs = [
    'example.com', `http://${pickBlockedHost()}/`, 'https://bca.co.id@evil.top/', 'http://xn--80ak6aa92e.com/',
    'http://аррӏе.com/', 'https://bücher.de/', 'klikbca-login.com', 'bankkoperasikuu.co.id', 'not a url at all', '',
    'javascript:alert(1)', 'http://192.168.1.1/login', 'http://[::1]/', 'https://akun-7731.weebly.com/',
    `http://x.com/${'é'.repeat(3000)}`, `http://${'a.'.repeat(120)}com/`, 'http://\ud83d\ude00.com/\u0000',
  ];
  // Rows of every dev set, when the data is here (the mirror of ../shared/data/dev).
  const dev = join(ROOT, '..', 'shared', 'data', 'dev');
  for (const [file, col] of [['positives_dev.tsv', 0], ['positives_indonesia_dev.tsv', 0], ['negatives_top100k_2024.tsv', 1], ['lookalikes_dnstwist_dev.tsv', 2]]) {
    if (!existsSync(join(dev, file))) continue;
    const rows = readFileSync(join(dev, file), 'utf8').split('\n').slice(1);
    for (let i = 0; i < rows.length; i += Math.max(1, Math.floor(rows.length / 1500))) {
      const cell = rows[i].split('\t')[col];
      if (cell) inputs.push(cell);
    }
  }
  const seen = new Set();
  for (const input of inputs) {
    const expected = c.check(input);
    assert.deepEqual(compact(input), expected, JSON.stringify(input));
    for (const r of expected.reasons) seen.add(r.code);
  }
  assert.ok(seen.size >= 15, `only ${seen.size} reason codes seen`);
  // The module's memory grows under the reader (a long input): it reads the new buffer.
  const before = exports.memory.buffer.byteLength;
  const long = `https://klikbca-login.com/${'a'.repeat(before)}`;
  assert.deepEqual(compact(long), c.check(long));
  assert.ok(exports.memory.buffer.byteLength > before, 'memory did not grow');
  assert.deepEqual(compact('https://klikbca-login.com/'), c.check('https://klikbca-login.com/'));
  c.free();
});
