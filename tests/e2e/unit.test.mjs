// Unit tests of the extension's own JavaScript and data: the message table, locales against the
// core's reason codes and the pages' keys, the build helpers and the built manifests and rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { execFileSync } from 'node:child_process';
import { ROOT, DIST, CHROME_DIR, FIREFOX_DIR, listedHosts } from './helpers.mjs';
import { validate as validateWith } from '../../extension/lib/messages.js';
import { loadBackground } from './fake-browser.mjs';
import { parseHosts, rulesFor, manifestFor, chromeId } from '../../extension/tools/build.mjs';
import { cleanFacts } from '../../extension/lib/probe.js';

const EXT = join(ROOT, 'extension');
const locale = (lang) => JSON.parse(readFileSync(join(EXT, '_locales', lang, 'messages.json'), 'utf8'));

/** Reason codes the core can give: its one list (`waspada_core::code::ALL`), as `waspada reasons --json`
 *  prints it (scripts/build-extension builds the CLI). */
function coreReasonCodes() {
  const cli = join(ROOT, 'target', 'release', 'waspada');
  return JSON.parse(execFileSync(cli, ['reasons', '--json'], { encoding: 'utf8' })).sort();
}

/** Every locale shipped: the folders of extension/_locales (en first). */
const LOCALES = readdirSync(join(EXT, '_locales')).sort((a, b) => (a === 'en' ? -1 : b === 'en' ? 1 : a.localeCompare(b)));
/** Messages that are rightly the same as in English in every language (the product's name). */
const SAME_AS_ENGLISH = new Set(['ext_name', 'popup_title']);

test('the six locales are shipped and offered by the options language picker', () => {
  assert.deepEqual([...LOCALES].sort(), ['en', 'fil', 'id', 'ms', 'th', 'vi']);
  // (read from the source: importing i18n.js here would fix its browser API before the explain test's)
  const table = readFileSync(join(EXT, 'lib', 'i18n.js'), 'utf8').match(/LANGUAGES = Object\.freeze\(\{([\s\S]*?)\}\)/)[1];
  assert.deepEqual([...table.matchAll(/^\s*([a-z]+):/gm)].map((m) => m[1]).sort(), [...LOCALES].sort());
});

test('every reason code of the core has a message in every locale', () => {
  const codes = coreReasonCodes();
  assert.ok(codes.includes('list.blocked') && codes.length >= 5, `too few codes found: ${codes}`);
  for (const lang of LOCALES) {
    const messages = locale(lang);
    const missing = codes.filter((c) => !messages[`reason_${c.replace(/\./g, '_')}`]);
    assert.deepEqual(missing, [], `${lang} lacks reason messages`);
  }
});

test('every locale has the keys of English, no empty message, the same {slots} and no English left', () => {
  const en = locale('en');
  const slots = (s) => [...s.matchAll(/\{[a-z_]+\}/g)].map((m) => m[0]).sort();
  // An English sentence left untranslated shows as its run of common English words.
  const english = /\b(the|this|that|is|are|with|your|you|and|not|of|to|it|for)\b/gi;
  for (const lang of LOCALES.filter((l) => l !== 'en')) {
    const other = locale(lang);
    assert.deepEqual(Object.keys(other).sort(), Object.keys(en).sort(), `${lang}: keys differ from en`);
    for (const [key, { message }] of Object.entries(en)) {
      const text = other[key].message;
      assert.ok(message.trim(), `en ${key} is empty`);
      assert.ok(text.trim(), `${lang} ${key} is empty`);
      assert.deepEqual(slots(text), slots(message), `${lang}: slots differ in ${key}`);
      assert.ok(!message.includes('$') && !text.includes('$'), `${lang} ${key}: $ is special in _locales`);
      if (!SAME_AS_ENGLISH.has(key)) assert.notEqual(text, message, `${lang} ${key} is left in English`);
      const words = text.replace(/\{[a-z_]+\}/g, '').match(english) ?? [];
      assert.ok(words.length < 2, `${lang} ${key} reads as English: ${text}`);
    }
  }
});

test('the store listing of every locale: name, short and long description, translated', () => {
  const store = (lang) => JSON.parse(readFileSync(join(EXT, 'store', `${lang}.json`), 'utf8'));
  const en = store('en');
  for (const lang of LOCALES) {
    const s = store(lang);
    const m = locale(lang);
    assert.deepEqual(Object.keys(s).sort(), ['long', 'name', 'short'], lang);
    assert.equal(s.name, m.ext_name.message, `${lang}: the listing's name is the manifest's`);
    assert.equal(s.short, m.ext_description.message, `${lang}: the short description is the manifest's`);
    assert.ok(s.short.length <= 132, `${lang}: the stores cut a description longer than 132 characters`);
    assert.ok(s.long.length >= 400 && s.long.length <= 16000, `${lang}: long description of ${s.long.length} characters`);
    if (lang !== 'en') {
      assert.notEqual(s.short, en.short, `${lang} short description is English`);
      assert.notEqual(s.long, en.long, `${lang} long description is English`);
      assert.equal(s.long.split('\n\n').length, en.long.split('\n\n').length, `${lang}: paragraphs differ from en`);
    }
  }
});

test("the warning page's report says where to send it: the project's issue tracker, in a new tab on click", () => {
  const repo = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8').match(/^repository\s*=\s*"([^"]+)"/m)[1];
  const html = readFileSync(join(EXT, 'pages', 'warning.html'), 'utf8');
  const link = html.match(/<a id="report-open"[^>]*>/)[0];
  assert.match(link, new RegExp(`href="${repo.replace(/[.]/g, '\\.')}/issues/new"`));
  assert.match(link, /target="_blank"/);
  assert.match(link, /rel="noopener noreferrer"/);
  assert.match(link, /data-i18n="warning_report_open"/);
  // Nothing opens it by itself: no script touches the link or calls window.open / tabs.create.
  const js = readFileSync(join(EXT, 'pages', 'warning.js'), 'utf8');
  assert.doesNotMatch(js, /report-open|window\.open|tabs\.create/);
  for (const lang of LOCALES) assert.match(locale(lang).warning_report_help.message, /Waspada/, lang);
});

test('every string key the pages and the manifest use exists in the locales', () => {
  const en = locale('en');
  const used = new Set();
  const files = ['pages/warning.html', 'pages/popup.html', 'pages/options.html', 'pages/warning.js', 'pages/popup.js', 'pages/options.js', 'background.js', ...readdirSync(join(EXT, 'background')).map((f) => `background/${f}`)];
  for (const f of files) {
    const src = readFileSync(join(EXT, f), 'utf8');
    for (const m of src.matchAll(/data-i18n="([a-z0-9_]+)"/g)) used.add(m[1]);
    for (const m of src.matchAll(/data-i18n-attr="([^"]+)"/g)) for (const pair of m[1].split(';')) used.add(pair.split(':')[1]);
    for (const m of src.matchAll(/\bt\('([a-z0-9_]+)'\)/g)) used.add(m[1]);
    for (const m of src.matchAll(/getMessage\('([a-z0-9_]+)'\)/g)) used.add(m[1]);
  }
  for (const m of readFileSync(join(ROOT, 'manifest.json'), 'utf8').matchAll(/__MSG_([a-z0-9_]+)__/g)) used.add(m[1]);
  for (const prefix of ['level_', 'category_', 'options_block_']) {
    for (const v of prefix === 'level_' ? ['safe', 'suspicious', 'dangerous', 'blocked', 'invalid'] : ['phishing', 'scam', 'malware', 'crypto', 'gambling']) used.add(prefix + v);
  }
  const missing = [...used].filter((k) => !en[k]);
  assert.deepEqual(missing, []);
});

test('the message table refuses malformed messages and trust changes from outside', async () => {
  const { imp } = await loadBackground(CHROME_DIR);
  const { MESSAGES } = await imp('background/messages.js');
  const validate = (msg, own) => validateWith(MESSAGES, msg, own);
  for (const [type, spec] of Object.entries(MESSAGES)) assert.equal(typeof spec.handle, 'function', `${type} has no handler`);
  assert.equal(validate({ type: 'check', url: 'http://a.com/' }, false), null);
  assert.equal(validate({ type: 'listInfo' }, false), null);
  assert.match(validate({ type: 'check' }, true), /bad or missing field url/);
  assert.match(validate({ type: 'check', url: 42 }, true), /bad or missing field url/);
  assert.match(validate({ type: 'check', url: 'x'.repeat(5000) }, true), /url/);
  assert.match(validate({ type: 'check', url: 'a', extra: 1 }, true), /unexpected field extra/);
  assert.match(validate({ type: 'nope' }, true), /unknown message type/);
  assert.match(validate({ type: '__proto__' }, true), /unknown message type/);
  assert.match(validate(null, true), /not an object/);
  assert.match(validate(['check'], true), /not an object/);
  for (const type of ['setSettings', 'allowOnce', 'trustSite', 'untrustSite']) assert.equal(MESSAGES[type].trust, true);
  assert.match(validate({ type: 'trustSite', url: 'http://evil.com/' }, false), /only the extension's own pages/);
  assert.equal(validate({ type: 'trustSite', url: 'http://evil.com/' }, true), null);
  assert.equal(validate({ type: 'setSettings', settings: { sensitivity: 'high', trusted: ['a.com'] } }, true), null);
  assert.match(validate({ type: 'setSettings', settings: { sensitivity: 'max' } }, true), /settings/);
  assert.match(validate({ type: 'setSettings', settings: { disabled_categories: ['all'] } }, true), /settings/);
  assert.match(validate({ type: 'tabVerdict', tabId: -1 }, true), /tabId/);
});

test('hosts become requestDomains rules per category; what DNR cannot express is reported', () => {
  const { byCategory, skipped } = parseHosts('a.com\tcrypto\nB.NET\tmalware\n1.2.3.4\tmalware\n[::1]\tmalware\nx.org\tbogus\n\n# c\n');
  assert.deepEqual([...byCategory.get('crypto')], ['a.com']);
  assert.deepEqual([...byCategory.get('malware')].sort(), ['1.2.3.4', 'b.net']);
  assert.deepEqual(skipped.map((s) => s.line), [4, 5]);
  const many = new Set(Array.from({ length: 25001 }, (_, i) => `h${i}.com`));
  const rules = rulesFor(many, 'chrome-extension://abc/pages/warning.html');
  assert.equal(rules.length, 6); // 3 chunks x (redirect + frame block)
  assert.equal(new Set(rules.map((r) => r.id)).size, rules.length);
  const redirect = rules.filter((r) => r.action.type === 'redirect');
  assert.equal(redirect.reduce((n, r) => n + r.condition.requestDomains.length, 0), 25001);
  assert.equal(redirect[0].action.redirect.regexSubstitution, 'chrome-extension://abc/pages/warning.html#\\0');
  assert.deepEqual(redirect[0].condition.resourceTypes, ['main_frame']);
  // A store build (the id is the store's): the warning page by its path, valid under any id.
  const store = rulesFor(new Set(['a.com']), null).find((r) => r.action.type === 'redirect');
  assert.deepEqual(store.action.redirect, { extensionPath: '/pages/warning.html' });
  assert.equal(store.condition.regexFilter, undefined);
});

test('the store manifest has no key', () => {
  const base = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8'));
  assert.equal(manifestFor(base, 'chrome').key, undefined);
  assert.equal(manifestFor(base, 'chrome', { chromeKey: 'KEY' }).key, 'KEY');
});

test('per-browser manifests differ only where they must', async () => {
  const base = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8'));
  const chrome = manifestFor(base, 'chrome', { chromeKey: 'KEY' });
  const firefox = manifestFor(base, 'firefox');
  assert.ok(!chrome.permissions.includes('webRequestBlocking') && chrome.declarative_net_request);
  assert.ok(firefox.permissions.includes('webRequestBlocking') && !firefox.declarative_net_request);
  // A stopped site's service worker: removed in Chrome; Firefox needs no `browsingData` (and warns for it).
  assert.ok(chrome.permissions.includes('browsingData') && !firefox.permissions.includes('browsingData'));
  assert.equal(chrome.key, 'KEY');
  assert.equal(firefox.background.scripts[0], 'background.js');
  assert.equal(chrome.background.service_worker, 'background.js');
  assert.deepEqual(firefox.browser_specific_settings.gecko.data_collection_permissions, { required: ['none'] });
  for (const m of [chrome, firefox]) {
    assert.equal(m.manifest_version, 3);
    assert.match(m.content_security_policy.extension_pages, /script-src 'self' 'wasm-unsafe-eval';/);
    assert.deepEqual(m.content_scripts, undefined);
  }
  assert.equal(await chromeId(readFileSync(join(EXT, 'tools', 'chrome-key.pub'), 'utf8').trim()), 'nmhgjfffblcmpapiaidkjkodlddbnjlc');
  assert.throws(() => manifestFor(base, 'safari'), /unknown browser/);
});

test('every permission is justified in a line of the extension docs', () => {
  const base = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8'));
  const doc = readFileSync(join(EXT, 'README.md'), 'utf8');
  for (const p of base.permissions) assert.match(doc, new RegExp(`^\\| \`${p}\` \\| \\S`, 'm'), p);
  assert.match(doc, /host permissions/);
});

test('the built Chrome rules cover every listed host that DNR can express', () => {
  assert.ok(existsSync(join(CHROME_DIR, 'rules')), 'run scripts/build-extension first');
  const covered = new Set();
  for (const f of readdirSync(join(CHROME_DIR, 'rules'))) {
    for (const r of JSON.parse(readFileSync(join(CHROME_DIR, 'rules', f), 'utf8'))) {
      if (r.action.type === 'redirect') for (const d of r.condition.requestDomains) covered.add(d);
    }
  }
  const hosts = listedHosts().map((h) => h.host).filter((h) => !h.includes(':') && !h.startsWith('['));
  const missing = hosts.filter((h) => !covered.has(h));
  assert.deepEqual(missing.slice(0, 5), []);
  const chrome = JSON.parse(readFileSync(join(CHROME_DIR, 'manifest.json'), 'utf8'));
  for (const r of chrome.declarative_net_request.rule_resources) assert.ok(existsSync(join(CHROME_DIR, r.path)), r.path);
  assert.ok(!existsSync(join(FIREFOX_DIR, 'rules')) || !JSON.parse(readFileSync(join(FIREFOX_DIR, 'manifest.json'), 'utf8')).declarative_net_request);
  void DIST;
});

test('a reason is explained in words, with a message of its own for a kind that has one', async () => {
  const en = locale('en');
  globalThis.chrome = { i18n: { getMessage: (key) => en[key]?.message ?? '' } };
  const { explain } = await import('../../extension/lib/i18n.js');
  const staging = explain({ code: 'hosting.free', params: { suffix: 'r2.dev', kind: 'staging' } });
  assert.match(staging, /temporary or preview address of a hosting service \(r2\.dev\)/);
  // Other kinds fall back to the code's message; slots are filled, unknown codes say so.
  assert.match(explain({ code: 'hosting.free', params: { suffix: 'github.io' } }), /free hosting service \(github\.io\)/);
  assert.match(explain({ code: 'lookalike.typo', params: { kind: 'insertion', target: 'bca.co.id' } }), /misspelling of bca\.co\.id/);
  assert.match(explain({ code: 'no.such_code', params: {} }), /no\.such_code/);
});

test("the page probe's facts reach the core only as booleans and bounded text, whatever the page did", () => {
  assert.deepEqual(cleanFacts({ password_field: true, text: 'KlikBCA' }, 4096), {
    password_field: true,
    code_field: false,
    card_field: false,
    text: 'KlikBCA',
  });
  for (const raw of [null, undefined, 'x', 42, [], { password_field: 'true', card_field: 1, code_field: {}, text: ['KlikBCA'] }]) {
    assert.deepEqual(cleanFacts(raw, 4096), { password_field: false, code_field: false, card_field: false, text: '' }, JSON.stringify(raw));
  }
  assert.equal(cleanFacts({ text: 'a'.repeat(10000) }, 4096).text.length, 4096);
});

test('bidi and control characters in reason parameters are stripped (a file name cannot render reversed)', async () => {
  const en = locale('en');
  globalThis.chrome = { i18n: { getMessage: (key) => en[key]?.message ?? '' } };
  const { explain, cleanText } = await import('../../extension/lib/i18n.js');
  assert.equal(cleanText('Surat-Tilang\u202Efdp.apk'), 'Surat-Tilangfdp.apk');
  assert.equal(cleanText('a\u2066b\u2069c\u200Fd\u0007e\u0000'), 'abcde');
  const text = explain({ code: 'lookalike.typo', params: { kind: 'insertion', target: 'bca\u202E.co.id\u0007' } });
  assert.ok(!/[\u0000-\u001f\u202a-\u202e\u2066-\u2069]/.test(text), JSON.stringify(text));
  assert.match(text, /bca\.co\.id/);
});

test('stored settings are validated on read: hostnames only, capped, a broken entry never disables protection', async () => {
  const { normalizeSettings, SITES_MAX } = await import('../../extension/lib/settings.js');
  const s = normalizeSettings({
    sensitivity: 'off',
    trusted: ['BCA.co.id.', 'ok.example', 42, null, '', 'evil.com/<script>', 'a b.com', 'x'.repeat(300), { host: 'x' }],
    protected: 'mybank.co.id',
    disabled_categories: ['gambling', 'everything'],
    page_probe: 'no',
  });
  assert.deepEqual(s, { sensitivity: 'normal', trusted: ['bca.co.id', 'ok.example'], protected: [], disabled_categories: ['gambling'], page_probe: true });
  const many = normalizeSettings({ trusted: Array.from({ length: 50000 }, (_, i) => `h${i}.com`) });
  assert.equal(many.trusted.length, SITES_MAX);
  for (const broken of [null, 'x', [], { trusted: {} }, { trusted: [[]] }]) assert.equal(normalizeSettings(broken).sensitivity, 'normal');
});

test("each page preloads exactly the modules its script imports, so they load side by side, not one after another", () => {
  const importsOf = (file, seen = new Set()) => {
    for (const m of readFileSync(join(EXT, file), 'utf8').matchAll(/^import\s[^'"]*['"]([^'"]+)['"]/gm)) {
      const dep = join(dirname(file), m[1]);
      if (!seen.has(dep)) importsOf(dep, seen.add(dep));
    }
    return seen;
  };
  for (const page of readdirSync(join(EXT, 'pages')).filter((f) => f.endsWith('.html'))) {
    const html = readFileSync(join(EXT, 'pages', page), 'utf8');
    const script = html.match(/<script type="module" src="([^"]+)"/)[1];
    const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((m) => join('pages', m[1]));
    assert.deepEqual(preloaded.sort(), [...importsOf(join('pages', script))].sort(), page);
  }
});
