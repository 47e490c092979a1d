// The language of the extension's pages in Chromium (dist/chrome): the browser's language picks the
// locale, and the options page's language picker overrides it for the options page, the popup and
// the warning page until it is set back to "same as the browser".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from './server.mjs';
import { launch, newProfile, ready, gotoExpect, isWarning, extUrl } from './chromium.mjs';
import { ROOT } from './helpers.mjs';

const msg = (lang, key) => JSON.parse(readFileSync(join(ROOT, 'extension', '_locales', lang, 'messages.json'), 'utf8'))[key].message;
let srv;
before(async () => {
  srv = await startServer();
});
after(async () => {
  await srv?.close();
});

/** Runs `body` in a fresh Chromium profile whose browser language is `lang`. */
async function inBrowser(lang, body) {
  const context = await launch(newProfile(), { lang });
  try {
    await ready(context);
    await body(context);
  } finally {
    await context.close();
  }
}

test('the browser language picks the locale (Vietnamese browser: Vietnamese pages)', () =>
  inBrowser('vi', async (context) => {
    const page = await context.newPage();
    await page.goto(extUrl('pages/popup.html'));
    await page.locator('h2[data-i18n="popup_check_link"]').filter({ hasText: msg('vi', 'popup_check_link') }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'vi');
  }));

test('the options language picker overrides the browser language, then follows it again', () =>
  inBrowser('en', async (context) => {
    const options = await context.newPage();
    await options.goto(extUrl('pages/options.html'));
    await options.locator('h1').filter({ hasText: msg('en', 'options_title') }).waitFor();
    const names = await options.locator('#language option').allTextContents();
    assert.deepEqual(names.slice(1), ['English', 'Bahasa Indonesia', 'Bahasa Melayu', 'ไทย', 'Tiếng Việt', 'Filipino']);

    // Thai chosen: the options page reloads in Thai, and so do the popup and the warning page.
    await Promise.all([options.waitForEvent('load'), options.locator('#language').selectOption('th')]);
    await options.locator('h1').filter({ hasText: msg('th', 'options_title') }).waitFor();
    assert.equal(await options.locator('#language').inputValue(), 'th');
    assert.equal(await options.evaluate(() => document.documentElement.lang), 'th');
    const popup = await context.newPage();
    await popup.goto(extUrl('pages/popup.html'));
    await popup.locator('h2[data-i18n="popup_check_link"]').filter({ hasText: msg('th', 'popup_check_link') }).waitFor();
    await popup.locator('#link').fill('kasikornbank-secure.com');
    await popup.locator('#link-result .level').filter({ hasText: msg('th', 'level_dangerous') }).waitFor();
    const page = await context.newPage();
    await gotoExpect(page, srv.url('kasikornbank-secure.com', '/login'), isWarning);
    await page.locator('#reasons li').first().waitFor();
    assert.equal((await page.locator('#headline').textContent()).trim(), msg('th', 'warning_headline_dangerous'));
    assert.match(await page.locator('#reasons').textContent(), new RegExp(msg('th', 'reason_lookalike_combosquat').split('{target}')[0].trim()));
    assert.equal(await page.locator('#report-open').textContent(), msg('th', 'warning_report_open'));

    // Back to "same as the browser": English again.
    await Promise.all([options.waitForEvent('load'), options.locator('#language').selectOption('')]);
    await options.locator('h1').filter({ hasText: msg('en', 'options_title') }).waitFor();
    await popup.reload();
    await popup.locator('h2[data-i18n="popup_check_link"]').filter({ hasText: msg('en', 'popup_check_link') }).waitFor();
  }));
