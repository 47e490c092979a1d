// Launches Debian's Chromium with the built extension (dist/chrome) through playwright-core.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';
const { chromium } = await import('playwright-core');
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROME_DIR, DIST } from './helpers.mjs';

export const CHROMIUM = process.env.WASPADA_CHROMIUM ?? '/usr/bin/chromium';
export const chromeId = () => readFileSync(join(DIST, 'chrome-id.txt'), 'utf8').trim();
export const extUrl = (path) => `chrome-extension://${chromeId()}/${path}`;

export function newProfile() {
  return mkdtempSync(join(tmpdir(), 'waspada-chromium-'));
}

/** Starts Chromium with the extension (`dir`: another build of it); `lang` sets the UI language (en, id); `args`: more switches. */
export async function launch(profile, { lang = 'en', dir = CHROME_DIR, args = [] } = {}) {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale: lang,
    env: { ...process.env, LANGUAGE: lang, LANG: lang === 'id' ? 'id_ID.UTF-8' : 'en_US.UTF-8' },
    args: [
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      `--lang=${lang}`,
      '--host-resolver-rules=MAP * 127.0.0.1',
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...args,
    ],
  });
  return context;
}

/** The extension's service worker (waits for it to start if needed). */
export async function worker(context) {
  const url = extUrl('background.js');
  return context.serviceWorkers().find((w) => w.url() === url) ?? context.waitForEvent('serviceworker', { predicate: (w) => w.url() === url, timeout: 15000 });
}

/**
 * Waits until the background has run to its end (its listeners are live). Right after a fresh
 * install the worker exists before its module finished evaluating; events before that are lost.
 */
export async function ready(context) {
  const sw = await worker(context);
  for (let i = 0; i < 100; i++) {
    if (await sw.evaluate(() => typeof globalThis.waspada === 'object').catch(() => false)) return sw;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the extension background never finished starting');
}

/** Navigates and resolves with the first top-frame URL that satisfies `until` (the extension may replace a navigation). */
export async function gotoExpect(page, url, until, timeout = 15000) {
  const seen = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() && until(f.url()), timeout });
  page.goto(url).catch(() => {});
  await seen.catch((err) => {
    throw new Error(`${err.message} (the tab shows ${page.url()})`);
  });
  await page.waitForLoadState('domcontentloaded').catch(() => {});
  return page.url();
}

export const isWarning = (u) => u.startsWith(extUrl('pages/warning.html'));
