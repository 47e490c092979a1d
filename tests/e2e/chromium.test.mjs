// End to end in Debian's Chromium with the built extension (dist/chrome): list blocking by static
// declarativeNetRequest rules, heuristic warnings, the warning page's actions, popup, context
// menu, start-up and stopped-worker protection, and no network traffic of the extension's own.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from './server.mjs';
import { launch, newProfile, worker, ready, gotoExpect, isWarning, extUrl } from './chromium.mjs';
import { ROOT, CHROME_DIR, loadWasm, listBytes, listedHosts, pickBlockedHost, pickBlockedHostOf, pickLookalike, listWords, ageDays, ageWords, englishMessages, staleCopy, STALE_LIST_VERSION } from './helpers.mjs';
import { CATEGORIES } from '../../extension/lib/enums.js';

let srv;
let lookalike;
let checker;
const en = englishMessages();
const visitedHosts = new Set();
const extRequests = [];

before(async () => {
  const wasm = await loadWasm();
  checker = new wasm.Checker(listBytes(), undefined);
  lookalike = pickLookalike(checker);
  srv = await startServer({ lookalikeUrl: lookalike ? `http://${lookalike.host}/` : 'about:blank' });
});
after(async () => {
  await srv?.close();
});

function watchExtensionRequests(context) {
  context.on('request', (req) => {
    const url = req.url();
    // Navigations are the user's, not requests of the extension's own; and Playwright's `frame()`
    // throws for a navigation issued before its frame exists (a tab just opened).
    if (req.isNavigationRequest() || url.startsWith('chrome-extension://')) return;
    const fromExtension = req.serviceWorker() !== null || (req.frame?.()?.url?.() ?? '').startsWith('chrome-extension://');
    if (fromExtension) extRequests.push(url);
  });
}

async function expectSoon(probe, timeout = 5000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail('condition not met in time');
}

const visit = (host, path = '/') => {
  visitedHosts.add(host);
  return srv.url(host, path);
};

describe('Chromium', () => {
  test('the first navigation after the browser starts is blocked, and the page never runs', async () => {
    const profile = newProfile();
    const host = pickBlockedHost(2);
    for (const round of ['first start', 'restart']) {
      const context = await launch(profile);
      watchExtensionRequests(context);
      const page = context.pages()[0] ?? (await context.newPage());
      const url = await gotoExpect(page, visit(host, '/wallet/connect'), isWarning);
      assert.ok(isWarning(url), `${round}: ${url}`);
      assert.ok(url.endsWith(`#http://${host}:${srv.port}/wallet/connect`), `${round}: the warning page carries the URL: ${url}`);
      await context.close();
    }
    assert.equal(srv.requestedHost(host), false, 'the blocked host was contacted');
    assert.equal(srv.ranOn(host), false);
  });

  test('a lookalike opened as the very first page after install is still replaced by the warning', async () => {
    assert.ok(lookalike, 'no lookalike candidate is called dangerous by the engine');
    const context = await launch(newProfile());
    watchExtensionRequests(context);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const url = await gotoExpect(page, visit(lookalike.host, '/first'), isWarning);
      assert.ok(isWarning(url));
    } finally {
      await context.close();
    }
  });

  test('a list older than 30 days: the popup says so and how to get a newer one', async () => {
    const context = await launch(newProfile(), { dir: staleCopy(CHROME_DIR) });
    try {
      await ready(context);
      const popup = await context.newPage();
      await popup.goto(extUrl('pages/popup.html'));
      const days = ageDays(STALE_LIST_VERSION.replace(/\./g, '-'));
      await popup.locator('#list-stale').waitFor({ state: 'visible' });
      assert.equal(await popup.locator('#list-stale').innerText(), en.list_stale.message.replace('{days}', String(days)));
      assert.match(await popup.locator('#list-stale').innerText(), /Update the Waspada extension/);
      assert.equal(await popup.locator('#list-age').innerText(), ageWords(days, en));
      const options = await context.newPage();
      await options.goto(extUrl('pages/options.html'));
      await options.locator('#list-stale').waitFor({ state: 'visible' });
      assert.equal(await options.locator('#list-date').innerText(), '2020-01-01');
    } finally {
      await context.close();
    }
  });

  describe('in one browser session', () => {
    let context;
    let page;
    before(async () => {
      context = await launch(newProfile());
      watchExtensionRequests(context);
      page = context.pages()[0] ?? (await context.newPage());
      await ready(context);
    });
    after(async () => {
      await context?.close();
    });

    test('a blocklisted host is replaced by the warning page and never runs its script', async () => {
      const host = pickBlockedHost();
      await gotoExpect(page, visit('example.com'), (u) => u.includes('example.com'));
      assert.equal(await page.title(), 'ran example.com', 'a safe page runs normally');
      const url = await gotoExpect(page, visit(host), isWarning);
      assert.ok(isWarning(url));
      await page.locator('#reasons li').first().waitFor();
      const reasons = await page.locator('#reasons li').allInnerTexts();
      assert.ok(reasons.some((r) => /list of known/.test(r)), reasons.join(' | '));
      // The warning names the kind of site and the list it came from.
      const { category, titles } = listWords(checker, host, en);
      for (const words of [category, ...titles]) assert.ok(reasons.some((r) => r.includes(words)), `${words}: ${reasons.join(' | ')}`);
      assert.equal(await page.locator('#host-ascii').innerText(), host);
      assert.equal(srv.requestedHost(host), false);
      assert.equal(srv.ranOn(host), false);
      const sw = await worker(context);
      const badge = await sw.evaluate(async () => {
        const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
        return chrome.action.getBadgeText({ tabId: tab.id });
      });
      assert.equal(badge, 'X', 'the toolbar badge shows the blocked level');
    });

    test('a listed gambling site gets the warning (the category is on by default), naming the kind and the list', async () => {
      const host = pickBlockedHostOf('gambling');
      assert.ok(isWarning(await gotoExpect(page, visit(host, '/slot'), isWarning)));
      await page.locator('#reasons li').first().waitFor();
      const reasons = (await page.locator('#reasons li').allInnerTexts()).join(' | ');
      const { category, titles } = listWords(checker, host, en);
      assert.equal(category, en.category_gambling.message);
      for (const words of [category, ...titles]) assert.ok(reasons.includes(words), `${words}: ${reasons}`);
      assert.equal(srv.requestedHost(host), false);
    });

    test('the popup and the options show the list version, date and age; the options its counts and sources', async () => {
      const info = checker.info();
      const days = ageDays(info.build_date);
      const popup = await context.newPage();
      await popup.goto(extUrl('pages/popup.html'));
      await popup.locator('#list-version').filter({ hasText: info.list_version }).waitFor();
      assert.match(await popup.locator('#list-version').innerText(), new RegExp(info.build_date));
      await popup.locator('#list-age').filter({ hasText: /\S/ }).waitFor();
      assert.equal(await popup.locator('#list-age').innerText(), ageWords(days, en));
      assert.equal(await popup.locator('#list-stale').isVisible(), days > 30, `a list ${days} days old`);
      await popup.close();
      const options = await context.newPage();
      await options.goto(extUrl('pages/options.html'));
      await options.locator('#list-sources li').first().waitFor();
      assert.equal(await options.locator('#list-version').innerText(), info.list_version);
      assert.equal(await options.locator('#list-date').innerText(), info.build_date);
      assert.equal(await options.locator('#list-age').innerText(), ageWords(days, en));
      for (const c of CATEGORIES) {
        assert.ok(info.counts[c] > 0, `the list has ${c} entries`);
        assert.equal(await options.locator(`#list-count-${c}`).innerText(), String(info.counts[c]), c);
      }
      assert.ok(info.sources.length >= 5);
      assert.equal(await options.locator('#list-sources li').count(), info.sources.length);
      for (const s of info.sources) {
        const li = options.locator(`#list-sources li[data-source="${s.id}"]`);
        const text = await li.innerText();
        for (const words of [s.title, s.licence, s.attribution, String(s.entries)]) assert.ok(text.includes(words), `${words}: ${text}`);
        assert.equal(await li.locator('a').getAttribute('href'), s.homepage);
      }
      await options.close();
    });

    test('the static rules match sampled list hosts of every category, IPs and subdomains, and not safe sites', async () => {
      const sw = await worker(context);
      const hosts = listedHosts();
      const sample = [];
      for (const c of ['phishing', 'scam', 'malware', 'crypto', 'gambling']) {
        const of = hosts.filter((h) => h.category === c);
        for (let i = 0; i < Math.min(5, of.length); i++) sample.push(of[Math.floor((i * of.length) / 5)]);
      }
      const ip = hosts.find((h) => /^\d+\.\d+\.\d+\.\d+$/.test(h.host));
      if (ip) sample.push(ip);
      const outcome = (url) =>
        sw.evaluate(async (u) => (await chrome.declarativeNetRequest.testMatchOutcome({ url: u, type: 'main_frame' })).matchedRules.map((r) => r.rulesetId), url);
      for (const { host, category } of sample) {
        assert.deepEqual(await outcome(`http://${host}/x`), [`list_${category}`], host);
        if (!/^\d/.test(host)) assert.deepEqual(await outcome(`https://sub.${host}/`), [`list_${category}`], `sub.${host}`);
      }
      for (const safe of ['https://example.com/', 'https://www.bca.co.id/', 'https://www.google.com/']) assert.deepEqual(await outcome(safe), [], safe);
    });

    test('Back to safety returns to the page before', async () => {
      await gotoExpect(page, visit('example.com', '/before'), (u) => u.includes('/before'));
      await gotoExpect(page, visit(pickBlockedHost()), isWarning);
      const back = page.waitForEvent('framenavigated', { predicate: (f) => f.url().includes('/before') });
      await page.locator('#back').click();
      await back;
      assert.match(page.url(), /example\.com:\d+\/before$/);
    });

    test('a lookalike gets the warning with the right suggestion', async () => {
      assert.ok(lookalike, 'no lookalike candidate is called dangerous by the engine');
      const url = await gotoExpect(page, visit(lookalike.host), isWarning);
      assert.ok(isWarning(url));
      // From now on in this session a session rule redirects the host before any request.
      const sw = await worker(context);
      const outcome = (u) =>
        sw.evaluate(async (x) => (await chrome.declarativeNetRequest.testMatchOutcome({ url: x, type: 'main_frame' })).matchedRules.map((r) => r.rulesetId), u);
      await expectSoon(async () => (await outcome(`http://${lookalike.host}/again`)).includes('_session'));
      const before = srv.requests.filter((r) => r.host === lookalike.host).length;
      await gotoExpect(page, visit(lookalike.host, '/second-visit'), (u) => isWarning(u) && u.includes('/second-visit'));
      assert.equal(srv.requests.filter((r) => r.host === lookalike.host).length, before, 'the second visit reached the site');
      assert.deepEqual(await outcome('http://example.com/'), []);
      await page.locator('#suggestion').waitFor({ state: 'visible' });
      assert.equal(await page.locator('#suggest-link').getAttribute('href'), `https://${lookalike.verdict.suggestion}/`);
      assert.match(await page.locator('#suggest-text').innerText(), new RegExp(lookalike.verdict.suggestion.replace(/\./g, '\\.')));
    });

    test('a suspicious page that draws a bank sign-in form is replaced by the warning, with the real site', async () => {
      const sw = await worker(context);
      const badgeOf = () =>
        sw.evaluate(async () => {
          const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
          return chrome.action.getBadgeText({ tabId: tab.id });
        });
      // The address alone is only suspicious: the page opens, with the yellow badge.
      const plain = 'akun-5512.weebly.com';
      await gotoExpect(page, visit(plain), (u) => u.includes(plain));
      await page.waitForFunction((h) => document.title === `ran ${h}`, plain);
      await expectSoon(async () => (await badgeOf()) === '!');
      // The same kind of address drawing a KlikBCA sign-in form a moment after load.
      const host = 'akun-7731.weebly.com';
      const url = await gotoExpect(page, visit(host, '/signin-late'), isWarning, 20000);
      assert.ok(url.endsWith(`#http://${host}:${srv.port}/signin-late`), url);
      await page.locator('#reasons li[data-code="page.credential_form"]').waitFor();
      const reasons = await page.locator('#reasons li').allInnerTexts();
      assert.ok(reasons.some((r) => /asks for your password/.test(r)), reasons.join(' | '));
      assert.ok(reasons.some((r) => /presents itself as BCA/.test(r)), reasons.join(' | '));
      assert.match(await page.locator('#lead').innerText(), /asked for your details/);
      assert.equal(await page.locator('#suggest-link').getAttribute('href'), 'https://klikbca.com/');
      assert.equal(await badgeOf(), '!!');
      // That address (not the rest of the site) is now redirected before any request this session.
      const outcome = (u) =>
        sw.evaluate(async (x) => (await chrome.declarativeNetRequest.testMatchOutcome({ url: x, type: 'main_frame' })).matchedRules.map((r) => r.rulesetId), u);
      await expectSoon(async () => (await outcome(srv.url(host, '/signin-late'))).includes('_session'));
      assert.deepEqual(await outcome(srv.url(host, '/other')), []);
      // An ordinary site with the same form is never looked at.
      await gotoExpect(page, visit('example.com', '/signin'), (u) => u.includes('/signin'));
      await page.waitForTimeout(1500);
      assert.match(page.url(), /example\.com:\d+\/signin$/);
      assert.equal(await badgeOf(), '');
      // The user can turn the page probe off in the options: the same kind of page then stays.
      await gotoExpect(page, extUrl('pages/options.html'), (u) => u.includes('options.html'));
      await page.locator('#page-probe:checked').waitFor();
      await page.locator('#page-probe').uncheck();
      await page.locator('#saved').filter({ hasText: /Saved/ }).waitFor();
      const other = 'akun-8842.weebly.com';
      await gotoExpect(page, visit(other, '/signin'), (u) => u.includes(other));
      await page.waitForTimeout(2500);
      assert.ok(page.url().includes(`${other}:${srv.port}/signin`), page.url());
      await gotoExpect(page, extUrl('pages/options.html'), (u) => u.includes('options.html'));
      await page.locator('#page-probe').check();
      await page.locator('#page-probe:checked').waitFor();
    });

    test('a site that opens the warning page itself gets no verdict and no trust buttons', async () => {
      await gotoExpect(page, visit('example.com', '/fake'), (u) => u.includes('/fake'));
      // (A listed host's warning is the static rules' and true for anyone: that one is shown.)
      for (const target of ['https://com/', 'https://www.bca.co.id/', `http://${lookalike?.host ?? 'klikbca-login.com'}/x`]) {
        const fake = extUrl(`pages/warning.html#${target}`);
        await page.evaluate((u) => { location.href = u; }, fake);
        await page.waitForURL((u) => u.href === fake);
        await page.locator('#reasons', { hasText: /did not stop a page in this tab/ }).waitFor();
        assert.equal(await page.locator('#more').isVisible(), false, `${target}: the trust buttons are offered`);
        assert.equal(await page.locator('#host-ascii').innerText(), '-');
        await gotoExpect(page, visit('example.com', '/fake'), (u) => u.includes('/fake'));
      }
      const sw = await worker(context);
      assert.deepEqual(await sw.evaluate(async () => (await chrome.storage.local.get('settings')).settings?.trusted ?? []), []);
    });

    test('Back to safety after a page the probe stopped never lands on that page', async () => {
      await gotoExpect(page, visit('example.com', '/before-probe'), (u) => u.includes('/before-probe'));
      const host = 'akun-6620.weebly.com';
      await gotoExpect(page, visit(host, '/signin'), isWarning, 20000);
      await page.locator('#reasons li').first().waitFor();
      const back = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() && !isWarning(f.url()) });
      await page.locator('#back').click();
      await back;
      await page.waitForTimeout(500);
      assert.match(page.url(), /example\.com:\d+\/before-probe$/, page.url());
    });

    test('Continue anyway opens the site for this session only', async () => {
      const host = pickBlockedHost(3);
      await gotoExpect(page, visit(host), isWarning);
      await page.locator('#more summary').click();
      const loaded = page.waitForEvent('framenavigated', { predicate: (f) => f.url().startsWith(`http://${host}`) });
      await page.locator('#continue').click();
      await loaded;
      await page.waitForFunction((h) => document.title === `ran ${h}`, host);
      assert.ok(srv.ranOn(host));
      // Still allowed in another tab of the same session.
      const other = await context.newPage();
      await gotoExpect(other, visit(host, '/again'), (u) => u.includes('/again'));
      // Exactly that host: a subdomain the user never saw is still stopped.
      await gotoExpect(other, visit(`unseen.${host}`, '/sub'), isWarning);
      await other.close();
    });

    test('Always trust this site keeps it allowed, and it shows in the options', async () => {
      const host = pickBlockedHost(4);
      await gotoExpect(page, visit(host), isWarning);
      await page.locator('#more summary').click();
      const loaded = page.waitForEvent('framenavigated', { predicate: (f) => f.url().startsWith(`http://${host}`) });
      await page.locator('#trust').click();
      await loaded;
      await page.waitForFunction((h) => document.title === `ran ${h}`, host);
      await gotoExpect(page, extUrl('pages/options.html'), (u) => u.includes('options.html'));
      await page.locator('#trusted-list li', { hasText: host }).waitFor();
      // Removing it from the options blocks it again.
      await page.locator('#trusted-list li', { hasText: host }).getByRole('button').click();
      await page.locator('#trusted-list li', { hasText: host }).waitFor({ state: 'detached' });
      const url = await gotoExpect(page, visit(host, '/later'), isWarning);
      assert.ok(isWarning(url));
    });

    test("the popup's link check works offline, as you type", async () => {
      const popup = await context.newPage();
      await popup.goto(extUrl('pages/popup.html'));
      await popup.locator('#list-version').filter({ hasText: /\d{4}\.\d{2}\.\d{2}/ }).waitFor();
      await popup.locator('#link').fill(pickBlockedHost());
      await popup.locator('#link-result .level[data-level="blocked"]').waitFor();
      await popup.locator('#link').fill('example.com');
      await popup.locator('#link-result .level[data-level="safe"]').waitFor();
      if (lookalike) {
        await popup.locator('#link').fill(lookalike.host);
        await popup.locator('#link-result .level[data-level="dangerous"]').waitFor();
        assert.match(await popup.locator('#link-result').innerText(), new RegExp(lookalike.verdict.suggestion.replace(/\./g, '\\.')));
      }
      await popup.close();
    });

    test('a link pasted while the popup is still loading is checked too', async () => {
      const popup = await context.newPage();
      // The field gets its text the moment it is parsed, before the page's module script runs:
      // what a paste right after the click on the toolbar button does on a slow machine.
      await popup.addInitScript((value) => {
        new MutationObserver((_, seen) => {
          const field = document.getElementById('link');
          if (!field) return;
          field.value = value;
          seen.disconnect();
        }).observe(document, { childList: true, subtree: true });
      }, pickBlockedHost(1));
      await popup.goto(extUrl('pages/popup.html'));
      await popup.locator('#link-result .level[data-level="blocked"]').waitFor({ timeout: 10000 });
      assert.equal(await popup.locator('#link').inputValue(), pickBlockedHost(1));
      await popup.close();
    });

    test("the popup's current-tab verdict is the blocked URL's; web pages cannot message the extension", async () => {
      const host = pickBlockedHost();
      await gotoExpect(page, visit(host, '/tab'), isWarning);
      const sw = await worker(context);
      const tabId = await sw.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0].id);
      const ext = await context.newPage();
      await ext.goto(extUrl('pages/options.html'));
      const reply = await ext.evaluate((id) => chrome.runtime.sendMessage({ type: 'tabVerdict', tabId: id }), tabId);
      assert.equal(reply.result.url, `http://${host}:${srv.port}/tab`);
      assert.equal(reply.result.verdict.verdict, 'blocked');
      const refused = await ext.evaluate(() => chrome.runtime.sendMessage({ type: 'trustSite', url: 'x', extra: 1 }));
      assert.match(refused.error, /unexpected field extra/);
      await ext.close();
      await gotoExpect(page, visit('example.com', '/no-api'), (u) => u.includes('/no-api'));
      assert.equal(await page.evaluate(() => typeof globalThis.chrome?.runtime?.sendMessage), 'undefined');
    });

    test('the context-menu check opens the verdict for the link', async () => {
      const sw = await worker(context);
      const host = pickBlockedHost();
      const opened = context.waitForEvent('page', { predicate: (p) => p.url().includes('popup.html?link=') });
      await sw.evaluate((link) => globalThis.waspada.openLinkCheck(link), `http://${host}/claim`);
      const result = await opened;
      await result.locator('#link-result .level[data-level="blocked"]').waitFor();
      assert.equal(await result.locator('#link').inputValue(), `http://${host}/claim`);
      await result.close();
    });

    test('options: my protected sites feed the lookalike check; a category turned off is not blocked', async () => {
      const options = await context.newPage();
      await options.goto(extUrl('pages/options.html'));
      await options.locator('#protected-input').fill('https://www.BankKoperasiku.co.id/login');
      await options.locator('#protected-input').press('Enter');
      await options.locator('#protected-list li', { hasText: 'www.bankkoperasiku.co.id' }).waitFor();
      const popup = await context.newPage();
      await popup.goto(extUrl('pages/popup.html'));
      await popup.locator('#link').fill('bankkoperasikuu.co.id');
      await popup.locator('#link-result .suggest', { hasText: 'bankkoperasiku.co.id' }).waitFor();
      await popup.close();

      const host = pickBlockedHost(6);
      const { category } = listedHosts().find((h) => h.host === host);
      const box = options.locator(`#categories input[value="${category}"]`);
      const sw = await worker(context);
      const enabled = (id) => sw.evaluate(async (r) => (await chrome.declarativeNetRequest.getEnabledRulesets()).includes(r), id);
      await box.uncheck();
      await options.locator('#saved').filter({ hasText: /\S/ }).waitFor();
      // The setting is saved first; the background then turns the category's static rules off.
      await expectSoon(async () => !(await enabled(`list_${category}`)));
      await gotoExpect(page, visit(host), (u) => u.startsWith(`http://${host}`));
      await page.waitForFunction((h) => document.title === `ran ${h}`, host);
      await box.check();
      await expectSoon(() => enabled(`list_${category}`));
      const url = await gotoExpect(page, visit(host, '/on-again'), isWarning);
      assert.ok(isWarning(url));
      await options.close();
    });

    test('the pages are accessible (axe-core, WCAG 2 A and AA) and work from the keyboard', async () => {
      const axe = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
      const audit = async (p) => {
        await p.evaluate(axe);
        const result = await p.evaluate(() => globalThis.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }));
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      };
      const host = lookalike?.host ?? pickBlockedHost();
      await gotoExpect(page, visit(host, '/a11y'), isWarning);
      await page.locator('#reasons li').first().waitFor();
      assert.deepEqual(await audit(page), [], 'warning page');
      // Keyboard: the primary action has focus; Tab reaches the details toggle, Enter opens it, Tab reaches "Continue anyway".
      assert.equal(await page.evaluate(() => document.activeElement.id), 'back');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.tagName), 'SUMMARY');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'continue');
      assert.deepEqual(await audit(page), [], 'warning page, details open');
      for (const path of ['pages/popup.html', 'pages/options.html']) {
        const p = await context.newPage();
        await p.goto(extUrl(path));
        await p.locator('h1[data-i18n]').first().waitFor();
        await p.waitForLoadState('networkidle').catch(() => {});
        assert.deepEqual(await audit(p), [], path);
        await p.close();
      }
      // The audit itself can fail: an image without text is reported.
      await page.evaluate(() => document.body.append(Object.assign(document.createElement('img'), { src: 'x.png' })));
      assert.ok((await audit(page)).some((v) => v.startsWith('image-alt')));
    });

    test('after the service worker was stopped, navigations are still protected', async () => {
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      const host = pickBlockedHost(5);
      const url = await gotoExpect(page, visit(host), isWarning);
      assert.ok(isWarning(url));
      assert.equal(srv.requestedHost(host), false);
      if (lookalike) {
        await cdp.send('ServiceWorker.stopAllWorkers');
        const url2 = await gotoExpect(page, visit(lookalike.host, '/after-stop'), isWarning);
        assert.ok(isWarning(url2), 'heuristic warning after the worker was stopped');
      }
    });
  });

  test('the extension made no network request of its own', () => {
    assert.deepEqual(extRequests, []);
    const foreign = srv.requests.filter((r) => !visitedHosts.has(r.host));
    assert.deepEqual(foreign, [], 'the test server saw requests for hosts no test visited');
  });
});
