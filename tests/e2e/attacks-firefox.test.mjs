// Attacks on the extension in Firefox ESR (issue 14): dangerous downloads, a clean page framing
// a phishing page, redirect chains and trailing-dot hosts, and the ways a phishing kit slips past
// the page probe. Each test tries the attack and fails without its fix.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { By } from 'selenium-webdriver';
import { startServer, hiddenName } from './server.mjs';
import { launch, gotoExpect, isWarning, extUrl, profileWithExtension } from './firefox.mjs';
import { loadWasm, listBytes, pickBlockedHost, pickLookalike, LOOKALIKE_CANDIDATES, FIREFOX_DIR } from './helpers.mjs';

let srv;
let lookalike;
// Its address alone is safe (`/get/<id>` says nothing); the app's name makes it dangerous.
const LURE_HOST = 'undangan-digital.my.id';
const probed = (n) => `akun-${n}.weebly.com`;
const PROBED = [4201, 4202, 4203, 4204, 4205, 4206, 4207, 4208].map(probed);
const downloadDir = mkdtempSync(join(tmpdir(), 'waspada-ff-downloads-'));

before(async () => {
  const wasm = await loadWasm();
  lookalike = pickLookalike(new wasm.Checker(listBytes(), undefined));
  srv = await startServer();
});
after(async () => {
  await srv?.close();
});

const $ = (driver, css) => driver.findElement(By.css(css));
const waitFor = (driver, css, timeout = 10000) =>
  driver.wait(async () => (await driver.findElements(By.css(css))).length > 0, timeout, `${css} never appeared`);
const isDownloadPage = (u) => u.startsWith(extUrl('pages/download.html'));
const files = () => readdirSync(downloadDir);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describe('Firefox attacks', () => {
  let driver;
  let main;
  before(async () => {
    const hosts = ['example.com', LURE_HOST, ...PROBED, ...[4, 5, 6].map((i) => pickBlockedHost(i)), ...LOOKALIKE_CANDIDATES, ...LOOKALIKE_CANDIDATES.map((h) => `www.${h}`), ...LOOKALIKE_CANDIDATES.map((h) => `sub.${h}`)];
    driver = await launch({
      hosts,
      profile: profileWithExtension(),
      prefs: {
        'browser.download.folderList': 2,
        'browser.download.dir': downloadDir,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.helperApps.neverAsk.saveToDisk': 'application/vnd.android.package-archive,application/octet-stream,application/pdf',
        'pdfjs.disabled': true,
      },
    });
    main = await driver.getWindowHandle();
  });
  after(async () => {
    await driver?.quit();
  });

  /** Clicks the download link on a clean page offering `href`; resolves with the handle of the explanation tab, or null. */
  async function offer(href) {
    await driver.switchTo().window(main);
    await gotoExpect(driver, srv.url('example.com', `/offer?href=${encodeURIComponent(href)}`), (u) => u.includes('/offer'));
    const had = new Set(await driver.getAllWindowHandles());
    await $(driver, '#get').click();
    const end = Date.now() + 8000;
    while (Date.now() < end) {
      for (const h of await driver.getAllWindowHandles()) {
        if (had.has(h)) continue;
        await driver.switchTo().window(h);
        if (isDownloadPage(await driver.getCurrentUrl())) return h;
      }
      await sleep(200);
    }
    await driver.switchTo().window(main);
    return null;
  }

  async function closeExplanation(handle) {
    await driver.switchTo().window(handle);
    await driver.close();
    await driver.switchTo().window(main);
  }

  describe('downloads', () => {
    test('an app named only in Content-Disposition (a wedding invitation) is stopped, not kept, and explained', async () => {
      const handle = await offer(srv.url(LURE_HOST, hiddenName('Undangan-Pernikahan-Digital.apk')));
      assert.ok(handle, 'no explanation page opened');
      await waitFor(driver, '#reasons li');
      assert.equal(await $(driver, '#file').getText(), 'Undangan-Pernikahan-Digital.apk');
      assert.match(await $(driver, '#lead').getText(), /not saved/);
      await closeExplanation(handle);
      await sleep(1000);
      assert.deepEqual(files().filter((f) => /undangan/i.test(f)), [], 'the file was kept');
    });

    test('an app a suspicious page builds as a blob: and names as a traffic ticket is stopped', async () => {
      await driver.switchTo().window(main);
      await gotoExpect(driver, srv.url(PROBED[6], '/blob-app?name=Surat-Tilang-Elektronik.apk'), (u) => u.includes('/blob-app'));
      const had = new Set(await driver.getAllWindowHandles());
      await $(driver, '#get').click();
      let handle = null;
      await driver.wait(async () => {
        for (const h of await driver.getAllWindowHandles()) {
          if (had.has(h)) continue;
          await driver.switchTo().window(h);
          if (isDownloadPage(await driver.getCurrentUrl())) handle = h;
        }
        return handle !== null;
      }, 8000, 'no explanation page opened');
      await waitFor(driver, '#reasons li');
      assert.equal(await $(driver, '#file').getText(), 'Surat-Tilang-Elektronik.apk');
      await closeExplanation(handle);
      await sleep(1000);
      assert.deepEqual(files().filter((f) => /tilang/i.test(f)), [], 'the file was kept');
    });

    test('an app from a lookalike site is stopped; a file from an ordinary site is untouched', async () => {
      assert.ok(lookalike, 'no lookalike candidate is called dangerous by the engine');
      // Offered by a clean page, served from the lookalike: the link's navigation is held and
      // replaced by the warning page, so nothing downloads (the navigation check's doing).
      const handle = await offer(srv.url(lookalike.host, `/files/${lookalike.host}-app.apk`));
      if (handle) await closeExplanation(handle);
      await sleep(1000);
      assert.deepEqual(files().filter((f) => f.endsWith('-app.apk')), [], 'the file was kept');
      const none = await offer(srv.url('example.com', '/files/laporan-bulanan.pdf'));
      assert.equal(none, null, 'an ordinary download was explained as dangerous');
      await driver.wait(async () => files().includes('laporan-bulanan.pdf'), 10000, 'the ordinary file was not downloaded');
    });

    test("a listed host's app never downloads", async () => {
      const host = pickBlockedHost(4);
      const handle = await offer(srv.url(host, '/files/Surat-Tilang.apk'));
      if (handle) await closeExplanation(handle);
      await sleep(1000);
      assert.deepEqual(files().filter((f) => /tilang/i.test(f)), []);
      assert.equal(srv.requestedHost(host), false, 'the listed host was contacted');
    });
  });

  describe('frames', () => {
    test('a clean page framing a listed host: the frame never loads and the tab is warned', async () => {
      await driver.switchTo().window(main);
      const host = pickBlockedHost(5);
      const framed = srv.url(host, '/login');
      await gotoExpect(driver, srv.url('example.com', '/before-frame'), (u) => u.includes('/before-frame'));
      const url = await gotoExpect(driver, srv.url('example.com', `/frame?src=${encodeURIComponent(framed)}`), isWarning);
      assert.ok(url.endsWith(`#${framed}`), url);
      await waitFor(driver, '#reasons li');
      assert.equal(srv.requestedHost(host), false, 'the framed listed host was contacted');
      await $(driver, '#back').click();
      await driver.wait(async () => (await driver.getCurrentUrl()).endsWith('/before-frame'), 10000, 'Back to safety did not skip the framing page');
    });

    test('a clean page framing a lookalike: the frame never loads and the tab is warned', async () => {
      assert.ok(lookalike, 'no lookalike candidate is called dangerous by the engine');
      const host = `sub.${lookalike.host}`;
      const framed = srv.url(host, '/framed');
      const url = await gotoExpect(driver, srv.url('example.com', `/frame?src=${encodeURIComponent(framed)}`), isWarning);
      assert.ok(url.endsWith(`#${framed}`), url);
      assert.equal(srv.requestedHost(host), false, 'the framed lookalike was contacted');
    });
  });

  describe('addresses', () => {
    test('a redirect chain to a lookalike ends on the warning page before the target is contacted', async () => {
      assert.ok(lookalike, 'no lookalike candidate is called dangerous by the engine');
      const host = `www.${lookalike.host}`;
      const target = srv.url(host, '/via-redirect');
      const url = await gotoExpect(driver, srv.url('example.com', `/redirect?to=${encodeURIComponent(target)}`), isWarning);
      assert.ok(url.endsWith(`#${target}`), url);
      assert.equal(srv.requestedHost(host), false);
    });

    test('a listed host written with a trailing dot is stopped before any request', async () => {
      const host = pickBlockedHost(6);
      await gotoExpect(driver, `http://${host}.:${srv.port}/dotted`, isWarning);
      assert.equal(srv.requestedHost(host) || srv.requestedHost(`${host}.`), false, 'the listed host was contacted');
    });
  });

  describe('pages a service worker serves', () => {
    test('a dangerous site whose service worker answers its navigations is stopped before its page runs', async () => {
      assert.ok(lookalike, 'no lookalike candidate is called dangerous by the engine');
      const host = `sw.${lookalike.host}`;
      // The worker is installed on a visit before Waspada is (Firefox copies a profile for each
      // session, so an earlier session cannot be kept): then the extension, then the visit.
      const other = await launch({ hosts: [host, 'example.com'], prefs: { 'dom.serviceWorkers.testing.enabled': true }, addon: false });
      try {
        await other.get(srv.url(host, '/sw-page'));
        await other.wait(async () => srv.requests.some((r) => r.host === host && r.path === '/__sw-ready'), 10000, 'the service worker');
        await other.get(srv.url('example.com', '/before-sw'));
        await other.installAddon(FIREFOX_DIR, true);
        await sleep(2000);
        const ran = srv.ran.filter((r) => r.host === host && r.sw).length;
        await gotoExpect(other, srv.url(host, '/sw-page'), isWarning);
        await waitFor(other, '#reasons li');
        await sleep(500);
        assert.equal(srv.ran.filter((r) => r.host === host && r.sw).length, ran, "the worker's page ran");
      } finally {
        await other.quit();
      }
    });
  });

  describe('page probe evasions', () => {
    const cases = [
      ['shadow', 'in a shadow root'],
      ['masked', 'in a text input drawn as a password'],
      ['blob', 're-rendered from a blob: URL'],
    ];
    cases.forEach(([how, what], i) => {
      test(`a sign-in form ${what} is stopped`, async () => {
        await driver.switchTo().window(main);
        await gotoExpect(driver, srv.url(PROBED[i], `/evade/${how}`), isWarning, 25000);
        await waitFor(driver, '#reasons li[data-code="page.brand"]');
      });
    });

    test('a sign-in form on a page that keeps changing its address (history.replaceState) is stopped as that page: its brand named, Back to safety to the page before it', async () => {
      await driver.switchTo().window(main);
      const host = PROBED[7];
      await gotoExpect(driver, srv.url('example.com', '/before-replace'), (u) => u.includes('/before-replace'));
      await gotoExpect(driver, srv.url(host, '/evade/replace'), isWarning, 25000);
      // The verdict the background decided for the page (its form and brand), for whichever
      // address the page had taken when the tab left it: not "not opened by Waspada".
      await waitFor(driver, '#reasons li[data-code="page.brand"]');
      assert.equal(await $(driver, '#host-ascii').getText(), host);
      // Every address the page took is the stopped page, not a safe page before it.
      await $(driver, '#back').click();
      await driver.wait(async () => (await driver.getCurrentUrl()).endsWith('/before-replace'), 10000, `Back to safety went to ${await driver.getCurrentUrl()}`);
      assert.deepEqual(srv.requests.filter((r) => r.host === host && r.path.startsWith('/halaman/')).map((r) => r.path), [], 'Back to safety loaded the stopped page again');
    });

    test('a sign-in form drawn after the wait is stopped when its field is focused', async () => {
      await gotoExpect(driver, srv.url(PROBED[4], '/evade/late'), (u) => u.includes('/evade/late'));
      await waitFor(driver, '#p', 25000);
      await $(driver, '#p').click();
      await driver.wait(async () => isWarning(await driver.getCurrentUrl()), 10000, 'the late form was not stopped');
      await waitFor(driver, '#reasons li[data-code="page.brand"]');
    });

    test('a token per victim in the query: the next victim is stopped before any request', async () => {
      const host = PROBED[5];
      await gotoExpect(driver, srv.url(host, '/signin?victim=a1'), isWarning, 25000);
      const before = srv.requests.filter((r) => r.host === host).length;
      await gotoExpect(driver, srv.url(host, '/signin?victim=b2'), (u) => isWarning(u) && u.includes('victim=b2'));
      assert.equal(srv.requests.filter((r) => r.host === host).length, before, 'the next victim reached the page');
    });
  });
});
