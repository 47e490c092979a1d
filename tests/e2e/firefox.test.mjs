// End to end in Debian's Firefox ESR (geckodriver + selenium-webdriver) with the built extension
// (dist/firefox): the blocking webRequest listener asks the wasm before any top-level request.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { By } from 'selenium-webdriver';
import { startServer } from './server.mjs';
import { launch, gotoExpect, isWarning, extUrl, profileWithExtension, packageOf } from './firefox.mjs';
import { FIREFOX_DIR, loadWasm, listBytes, pickBlockedHost, pickBlockedHostOf, pickLookalike, listWords, ageDays, ageWords, englishMessages, staleCopy, STALE_LIST_VERSION, LOOKALIKE_CANDIDATES } from './helpers.mjs';

let srv;
let lookalike;
let checker;
const en = englishMessages();
const visitedHosts = new Set();
const PROBED = 'akun-7731.weebly.com';
const HOSTS = () => ['example.com', PROBED, ...[0, 1, 2, 3, 4, 5].map((i) => pickBlockedHost(i)), `unseen.${pickBlockedHost(3)}`, pickBlockedHostOf('gambling'), ...LOOKALIKE_CANDIDATES];

before(async () => {
  const wasm = await loadWasm();
  checker = new wasm.Checker(listBytes(), undefined);
  lookalike = pickLookalike(checker);
  srv = await startServer({ lookalikeUrl: lookalike ? `http://${lookalike.host}/` : 'about:blank' });
});
after(async () => {
  await srv?.close();
});

const visit = (host, path = '/') => {
  visitedHosts.add(host);
  return srv.url(host, path);
};
const $ = (driver, css) => driver.findElement(By.css(css));
const waitFor = (driver, css, timeout = 10000) =>
  driver.wait(async () => (await driver.findElements(By.css(css))).length > 0, timeout, `${css} never appeared`);
const waitTitle = (driver, title, timeout = 10000) =>
  driver.wait(async () => (await driver.getTitle()) === title, timeout, `title never became ${title}`);

/** Opens one of the extension's pages in the tab: WebDriver may not navigate to it, the web-
 *  accessible warning page may, and from there any page of the extension. */
async function openExtPage(driver, path) {
  await gotoExpect(driver, visit('example.com', '/to-extension'), (u) => u.includes('/to-extension'));
  await driver.executeScript(`location.href = ${JSON.stringify(extUrl('pages/warning.html'))}`);
  await driver.wait(async () => isWarning(await driver.getCurrentUrl()), 10000, 'the warning page never opened');
  await driver.executeScript(`location.href = ${JSON.stringify(extUrl(path))}`);
  await driver.wait(async () => (await driver.getCurrentUrl()).startsWith(extUrl(path)), 10000, `${path} never opened`);
}

describe('Firefox', () => {
  test('the first navigation after the browser starts is blocked, and the page never runs', async () => {
    const host = pickBlockedHost(2);
    for (const round of ['first start', 'second start']) {
      const driver = await launch({ hosts: HOSTS(), profile: profileWithExtension() });
      try {
        const url = await gotoExpect(driver, visit(host, '/wallet/connect'), isWarning);
        assert.ok(url.endsWith(`#http://${host}:${srv.port}/wallet/connect`), `${round}: ${url}`);
        if (round === 'first start' && lookalike) {
          // Heuristic verdicts too: the blocking listener holds the request until the wasm answered.
          await gotoExpect(driver, visit(lookalike.host, '/start'), isWarning);
        }
      } finally {
        await driver.quit();
      }
    }
    assert.equal(srv.requestedHost(host), false, 'the blocked host was contacted');
    assert.equal(srv.ranOn(host), false);
  });

  test('a list older than 30 days: the popup says so and how to get a newer one', async () => {
    const driver = await launch({ hosts: HOSTS(), profile: profileWithExtension(packageOf(staleCopy(FIREFOX_DIR))) });
    try {
      const days = ageDays(STALE_LIST_VERSION.replace(/\./g, '-'));
      await openExtPage(driver, 'pages/popup.html');
      await driver.wait(async () => $(driver, '#list-stale').isDisplayed(), 10000, 'no stale notice');
      assert.equal(await $(driver, '#list-stale').getText(), en.list_stale.message.replace('{days}', String(days)));
      assert.equal(await $(driver, '#list-age').getText(), ageWords(days, en));
    } finally {
      await driver.quit();
    }
  });

  describe('in one browser session', () => {
    let driver;
    before(async () => {
      driver = await launch({ hosts: HOSTS(), profile: profileWithExtension(), idleTimeoutMs: 1500 });
    });
    after(async () => {
      await driver?.quit();
    });

    test('a blocklisted host is replaced by the warning page and never runs its script', async () => {
      const host = pickBlockedHost();
      await gotoExpect(driver, visit('example.com'), (u) => u.includes('example.com'));
      await waitTitle(driver, 'ran example.com');
      await gotoExpect(driver, visit(host), isWarning);
      await waitFor(driver, '#reasons li');
      const reason = await $(driver, '#reasons li').getText();
      assert.match(reason, /list of known/);
      // The warning names the kind of site and the list it came from.
      const { category, titles } = listWords(checker, host, en);
      for (const words of [category, ...titles]) assert.ok(reason.includes(words), `${words}: ${reason}`);
      assert.equal(await $(driver, '#host-ascii').getText(), host);
      assert.equal(srv.requestedHost(host), false);
      assert.equal(srv.ranOn(host), false);
      const badge = await driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
        browser.tabs.getCurrent().then((t) => browser.action.getBadgeText({ tabId: t.id })).then(done, (e) => done(String(e)));`);
      assert.equal(badge, 'X', 'the toolbar badge shows the blocked level');
    });

    test('a listed gambling site gets the warning (the category is on by default), naming the kind and the list', async () => {
      const host = pickBlockedHostOf('gambling');
      await gotoExpect(driver, visit(host, '/slot'), isWarning);
      await waitFor(driver, '#reasons li');
      const reason = await $(driver, '#reasons li').getText();
      const { category, titles } = listWords(checker, host, en);
      assert.equal(category, en.category_gambling.message);
      for (const words of [category, ...titles]) assert.ok(reason.includes(words), `${words}: ${reason}`);
      assert.equal(srv.requestedHost(host), false);
    });

    test('the popup shows the list version, date and age; the options the sources', async () => {
      const info = checker.info();
      const days = ageDays(info.build_date);
      await openExtPage(driver, 'pages/popup.html');
      await driver.wait(async () => (await $(driver, '#list-age').getText()) !== '', 10000, 'no list age');
      const version = await $(driver, '#list-version').getText();
      assert.ok(version.includes(info.list_version) && version.includes(info.build_date), version);
      assert.equal(await $(driver, '#list-age').getText(), ageWords(days, en));
      assert.equal(await $(driver, '#list-stale').isDisplayed(), days > 30);
      await driver.executeScript(`location.href = ${JSON.stringify(extUrl('pages/options.html'))}`);
      await waitFor(driver, '#list-sources li');
      assert.equal((await driver.findElements(By.css('#list-sources li'))).length, info.sources.length);
      for (const s of info.sources) {
        const text = await $(driver, `#list-sources li[data-source="${s.id}"]`).getText();
        for (const words of [s.title, s.licence, s.attribution]) assert.ok(text.includes(words), `${words}: ${text}`);
      }
      assert.equal(await $(driver, '#list-count-gambling').getText(), String(info.counts.gambling));
    });

    test('Back to safety returns to the page before', async () => {
      await gotoExpect(driver, visit('example.com', '/before'), (u) => u.includes('/before'));
      await gotoExpect(driver, visit(pickBlockedHost()), isWarning);
      await waitFor(driver, '#back');
      await $(driver, '#back').click();
      await driver.wait(async () => (await driver.getCurrentUrl()).includes('/before'), 10000);
    });

    test('a lookalike gets the warning with the right suggestion', async () => {
      assert.ok(lookalike, 'no lookalike candidate is called dangerous by the engine');
      await gotoExpect(driver, visit(lookalike.host), isWarning);
      await driver.wait(async () => (await $(driver, '#suggestion').isDisplayed()), 10000);
      assert.equal(await $(driver, '#suggest-link').getAttribute('href'), `https://${lookalike.verdict.suggestion}/`);
      assert.equal(srv.requestedHost(lookalike.host), false, 'Firefox never lets the lookalike page load');
    });

    test('a suspicious page that draws a bank sign-in form is replaced by the warning, with the real site', async () => {
      const url = await gotoExpect(driver, visit(PROBED, '/signin-late'), isWarning, 25000);
      assert.ok(url.endsWith(`#http://${PROBED}:${srv.port}/signin-late`), url);
      assert.ok(srv.ranOn(PROBED), 'the suspicious page opened (its address alone does not warn)');
      await waitFor(driver, '#reasons li[data-code="page.brand"]');
      assert.equal(await $(driver, '#suggest-link').getAttribute('href'), 'https://klikbca.com/');
    });

    test('a site that opens the warning page itself gets no verdict and no trust buttons', async () => {
      await gotoExpect(driver, visit('example.com', '/fake'), (u) => u.includes('/fake'));
      await driver.executeScript(`location.href = ${JSON.stringify(extUrl('pages/warning.html#https://com/'))}`);
      // The navigation is asynchronous: wait for the warning page's list before reading it.
      await waitFor(driver, '#reasons');
      await driver.wait(async () => (await $(driver, '#reasons').getText()).includes('did not stop a page in this tab'), 10000, 'the fake warning shows a verdict');
      assert.equal(await $(driver, '#more').isDisplayed(), false);
    });

    test('Back to safety after a page the probe stopped never lands on that page', async () => {
      await gotoExpect(driver, visit('example.com', '/before-probe'), (u) => u.includes('/before-probe'));
      await gotoExpect(driver, visit(PROBED, '/signin'), isWarning, 25000);
      await waitFor(driver, '#reasons li');
      await $(driver, '#back').click();
      await driver.wait(async () => (await driver.getCurrentUrl()).includes('/before-probe'), 10000);
      await driver.sleep(500);
      assert.ok((await driver.getCurrentUrl()).includes('/before-probe'));
    });

    test('Continue anyway opens the site for this session only', async () => {
      const host = pickBlockedHost(3);
      await gotoExpect(driver, visit(host), isWarning);
      await waitFor(driver, '#reasons li');
      await $(driver, '#more summary').click();
      await $(driver, '#continue').click();
      await waitTitle(driver, `ran ${host}`);
      assert.ok(srv.ranOn(host));
      await gotoExpect(driver, visit(host, '/again'), (u) => u.includes('/again'));
      // Exactly that host: a subdomain the user never saw is still stopped.
      await gotoExpect(driver, visit(`unseen.${host}`, '/sub'), isWarning);
    });

    test('Always trust this site keeps it allowed, and it shows in the options', async () => {
      const host = pickBlockedHost(4);
      await gotoExpect(driver, visit(host), isWarning);
      await waitFor(driver, '#reasons li');
      await $(driver, '#more summary').click();
      await $(driver, '#trust').click();
      await waitTitle(driver, `ran ${host}`);
      // geckodriver cannot open moz-extension pages directly: go there from an extension page.
      await gotoExpect(driver, visit(pickBlockedHost()), isWarning);
      await driver.executeScript(`location.href = ${JSON.stringify(extUrl('pages/options.html'))}`);
      await driver.wait(async () => (await driver.getCurrentUrl()).includes('options.html'), 10000);
      await waitFor(driver, '#trusted-list li');
      await driver.wait(async () => (await $(driver, '#trusted-list').getText()).includes(host), 10000, 'trusted site not listed');
      await gotoExpect(driver, visit(host, '/later'), (u) => u.includes('/later'));
      await waitTitle(driver, `ran ${host}`);
    });

    test("the popup's link check works offline", async () => {
      await gotoExpect(driver, visit(pickBlockedHost()), isWarning);
      await driver.executeScript(`location.href = ${JSON.stringify(extUrl('pages/popup.html'))}`);
      await waitFor(driver, '#link');
      await $(driver, '#link').sendKeys(pickBlockedHost());
      // The check goes to the background, which may be restarting its worker: slow on a loaded machine.
      await driver.wait(async () => (await driver.findElements(By.css('#link-result .level[data-level="blocked"]'))).length > 0, 30000).catch(async (e) => {
        const shown = await driver.executeScript(`return [document.getElementById('link').value, document.getElementById('link-result').textContent, document.readyState]`);
        throw new Error(`no blocked verdict: field, result, readyState = ${JSON.stringify(shown)}: ${e.message}`);
      });
      await $(driver, '#link').clear();
      await $(driver, '#link').sendKeys('example.com');
      await waitFor(driver, '#link-result .level[data-level="safe"]');
    });

    test('the context-menu check opens the verdict for the link', async () => {
      const host = pickBlockedHost();
      const before = await driver.getAllWindowHandles();
      // The menu's click handler, called in the background page (no UI can click a native menu).
      await driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
        browser.runtime.getBackgroundPage().then((bg) => bg.waspada.openLinkCheck(${JSON.stringify(`http://${host}/claim`)})).then(() => done(), (e) => done(String(e)));`);
      await driver.wait(async () => (await driver.getAllWindowHandles()).length > before.length, 10000);
      const opened = (await driver.getAllWindowHandles()).find((h) => !before.includes(h));
      await driver.switchTo().window(opened);
      await waitFor(driver, '#link-result .level[data-level="blocked"]');
      assert.equal(await $(driver, '#link').getAttribute('value'), `http://${host}/claim`);
      await driver.close();
      await driver.switchTo().window(before[0]);
    });

    test('after the background went idle, navigations are still protected', async () => {
      await gotoExpect(driver, visit('example.com', '/idle'), (u) => u.includes('/idle'));
      await driver.sleep(4000); // the idle timeout is 1.5 s in this profile
      const host = pickBlockedHost(5);
      await gotoExpect(driver, visit(host), isWarning);
      assert.equal(srv.requestedHost(host), false);
    });
  });

  test('the extension made no network request of its own', () => {
    const foreign = srv.requests.filter((r) => !visitedHosts.has(r.host));
    assert.deepEqual(foreign, [], 'the test server saw requests for hosts no test visited');
  });
});
