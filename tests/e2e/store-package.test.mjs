// The release's Chrome package (dist/release/VERSION/waspada-VERSION-chrome.zip, or WASPADA_CHROME_ZIP)
// as the Chrome Web Store would install it: no `key`, so Chromium gives it an id of its own. It must
// load with no error on the extensions page, and its static rules must still send a listed host to
// the warning page under that id, and that page must name the blocked address. scripts/test runs it
// on the release; without a release zip (scripts/test-e2e) it makes the same store package from
// dist/chrome as scripts/build-extension does with WASPADA_CHROME_STORE=1 (no key, rules by path).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, cpSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './server.mjs';
import { ROOT, CHROME_DIR, DIST } from './helpers.mjs';
import { manifestFor, parseHosts, rulesFor, CATEGORIES } from '../../extension/tools/build.mjs';

process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';
const { chromium } = await import('playwright-core');
const CHROMIUM = process.env.WASPADA_CHROMIUM ?? '/usr/bin/chromium';
const version = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')).version;
const releaseDir = process.env.WASPADA_RELEASE_DIR ?? join(ROOT, 'dist', 'release', version);
const zip = process.env.WASPADA_CHROME_ZIP ?? join(releaseDir, `waspada-${version}-chrome.zip`);

/** The store package from dist/chrome: the manifest without `key`, the rules by extension path. */
function storePackageFromDist(dir) {
  cpSync(CHROME_DIR, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifestFor(manifest, 'chrome'), null, 2) + '\n');
  rmSync(join(dir, 'rules'), { recursive: true, force: true });
  mkdirSync(join(dir, 'rules'));
  const { byCategory } = parseHosts(readFileSync(join(DIST, 'hosts.tsv'), 'utf8'));
  for (const c of CATEGORIES) writeFileSync(join(dir, 'rules', `${c}.json`), JSON.stringify(rulesFor(byCategory.get(c), null)));
}

test('the store package loads in Chromium with no error and blocks a listed host under its own id', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'waspada-store-'));
  if (existsSync(zip)) execFileSync('python3', ['-m', 'zipfile', '-e', zip, dir]);
  else if (!process.env.WASPADA_RELEASE_DIR && !process.env.WASPADA_CHROME_ZIP) storePackageFromDist(dir);
  else assert.fail(`${zip} is missing: run scripts/release ${version} first`);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  assert.equal(manifest.key, undefined, 'the store refuses a manifest with a key');
  const rules = JSON.parse(readFileSync(join(dir, 'rules', 'phishing.json'), 'utf8'));
  const host = rules[0].condition.requestDomains.find((h) => /^[a-z0-9-]+\.[a-z]{2,}$/.test(h));
  assert.ok(host, 'no listed phishing host to visit');

  const srv = await startServer({ lookalikeUrl: 'about:blank' });
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'waspada-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, '--host-resolver-rules=MAP * 127.0.0.1',
      '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const sw = context.serviceWorkers().find((w) => w.url().endsWith('/background.js'))
      ?? (await context.waitForEvent('serviceworker', { predicate: (w) => w.url().endsWith('/background.js'), timeout: 15000 }));
    const id = new URL(sw.url()).host;
    const page = await context.newPage();
    await page.goto('chrome://extensions/');
    // Developer mode collects the worker's errors; reload so start-up errors are collected too.
    await page.evaluate(() => new Promise((r) => chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true }, r)));
    await page.evaluate((extId) => new Promise((r) => chrome.developerPrivate.reload(extId, { failQuietly: true }, r)), id);
    await new Promise((r) => setTimeout(r, 3000));
    const info = await page.evaluate((extId) => new Promise((resolve) => chrome.developerPrivate.getExtensionInfo(extId, resolve)), id);
    assert.equal(info.state, 'ENABLED');
    assert.deepEqual(info.manifestErrors, [], 'manifest errors on the extensions page');
    assert.deepEqual(info.installWarnings, [], 'install warnings on the extensions page');
    assert.deepEqual(info.runtimeErrors, [], 'runtime errors on the extensions page');

    const seen = page.waitForEvent('framenavigated', {
      predicate: (f) => f === page.mainFrame() && f.url().startsWith(`chrome-extension://${id}/pages/warning.html`), timeout: 15000 });
    const blocked = srv.url(host, '/login');
    page.goto(blocked).catch(() => {});
    await seen;
    assert.equal(srv.requestedHost(host), false, 'the listed host was contacted');
    // The rule could not name the address (the id was unknown when it was built): the page gets it
    // from what the background saw, shows it, and puts it in its own address.
    await page.waitForFunction((h) => document.getElementById('host-unicode')?.textContent === h, host, { timeout: 10000 });
    assert.match(await page.locator('#reasons').innerText(), /list|daftar/i);
    assert.equal(await page.locator('#full-url').textContent(), blocked);
    assert.ok(page.url().endsWith(`#${blocked}`), `the warning page's address names the blocked URL: ${page.url()}`);
  } finally {
    await context.close();
    await srv.close();
  }
});
