// Launches Debian's Firefox ESR through geckodriver (selenium-webdriver) with the built extension.
import { Builder, until } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';
import { mkdtempSync, mkdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIREFOX_DIR, DIST } from './helpers.mjs';

export const FIREFOX = process.env.WASPADA_FIREFOX ?? '/usr/bin/firefox-esr';
export const GECKODRIVER =
  process.env.WASPADA_GECKODRIVER ?? execFileSync('sh', ['-c', 'command -v geckodriver'], { encoding: 'utf8' }).trim();
export const GECKO_ID = JSON.parse(readFileSync(join(FIREFOX_DIR, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id;
export const UUID = '6c8d7c1e-5a0b-4c36-9f0e-2d5a1f4b9a77';
export const extUrl = (path) => `moz-extension://${UUID}/${path}`;
export const isWarning = (u) => u.startsWith(extUrl('pages/warning.html'));

/** A Firefox profile directory with the extension installed permanently (unsigned: ESR allows it). */
export function profileWithExtension(xpi = join(DIST, 'waspada-firefox.zip')) {
  const dir = mkdtempSync(join(tmpdir(), 'waspada-firefox-'));
  mkdirSync(join(dir, 'extensions'));
  execFileSync('cp', [xpi, join(dir, 'extensions', `${GECKO_ID}.xpi`)]);
  return dir;
}

/** A package of the extension directory `dir` (an .xpi for profileWithExtension). */
export function packageOf(dir) {
  const xpi = join(mkdtempSync(join(tmpdir(), 'waspada-xpi-')), 'waspada.xpi');
  execFileSync('zip', ['-qr', '-X', xpi, '.'], { cwd: dir });
  return xpi;
}

/**
 * Starts Firefox. `hosts`: names the browser resolves to 127.0.0.1 (the test server).
 * `profile`: a directory from profileWithExtension() (installed before start), else the extension
 * is installed as a temporary add-on after start (`addon: false`: not at all). `prefs`: more
 * Firefox preferences.
 */
export async function launch({ hosts, profile, lang = 'en', idleTimeoutMs, prefs = {}, addon = true } = {}) {
  const options = new firefox.Options();
  options.setBinary(FIREFOX);
  options.addArguments('-headless');
  if (profile) options.setProfile(profile);
  options.setPreference('network.dns.localDomains', hosts.join(','));
  options.setPreference('extensions.webextensions.uuids', JSON.stringify({ [GECKO_ID]: UUID }));
  options.setPreference('xpinstall.signatures.required', false);
  options.setPreference('extensions.autoDisableScopes', 0);
  options.setPreference('extensions.enabledScopes', 15);
  options.setPreference('intl.locale.requested', lang);
  options.setPreference('intl.accept_languages', lang);
  options.setPreference('network.captive-portal-service.enabled', false);
  options.setPreference('network.connectivity-service.enabled', false);
  options.setPreference('app.normandy.enabled', false);
  options.setPreference('browser.safebrowsing.downloads.remote.enabled', false);
  options.setPreference('datareporting.policy.dataSubmissionEnabled', false);
  if (idleTimeoutMs) options.setPreference('extensions.background.idle.timeout', idleTimeoutMs);
  for (const [k, v] of Object.entries(prefs)) options.setPreference(k, v);
  // The geckodriver on PATH (scripts/setup installs it), named explicitly so Selenium Manager never
  // tries to look one up online.
  const service = new firefox.ServiceBuilder(GECKODRIVER);
  const driver = await new Builder().forBrowser('firefox').setFirefoxOptions(options).setFirefoxService(service).build();
  if (!profile && addon) await driver.installAddon(FIREFOX_DIR, true);
  return driver;
}

/** Navigates and waits until the URL satisfies `ok` (the extension may replace the navigation). */
export async function gotoExpect(driver, url, ok, timeout = 15000) {
  await driver.get(url).catch(() => {});
  await driver.wait(async () => ok(await driver.getCurrentUrl()), timeout, `URL never satisfied the expectation after ${url}`);
  return driver.getCurrentUrl();
}

export { until };
