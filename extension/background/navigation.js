// Navigations: each top-level navigation is checked before the page can be used, and a dangerous
// one is replaced by the warning page. Firefox holds the request (blocking webRequest); Chrome
// redirects listed hosts with static rules and sends the tab away after the heuristics answered.
import { api, platform } from '../lib/platform.js';
import { getChecker } from '../lib/engine.js';
import { isWeb, warningUrl, subjectOf } from './urls.js';
import { decide } from './verdicts.js';
import { rememberDangerous, staticRulesCover } from './dnr.js';
import { probePage } from './probe.js';
import { setBadge } from './badge.js';
import { recordStop, rememberSafe, tracked } from './stops.js';

// A tab sent to the warning page for a URL is not sent again for the same URL within a few seconds
// (the navigation listener and the tab listener can both see the same navigation).
const recentRedirects = new Map();
async function redirectTab(tabId, url) {
  if (recentRedirects.get(tabId) === url) return;
  recentRedirects.set(tabId, url);
  setTimeout(() => {
    if (recentRedirects.get(tabId) === url) recentRedirects.delete(tabId);
  }, 5000);
  await api.tabs.update(tabId, { url: warningUrl(url) });
}

if (platform.blockingWebRequest) {
  // Firefox: a blocking webRequest listener holds the top-level request until the wasm has answered.
  api.webRequest.onBeforeRequest.addListener(
    async (details) => {
      if (!isWeb(details.url)) return {};
      try {
        const { verdict, redirect } = await decide(details.url);
        if (!redirect) return {};
        await recordStop(details.tabId, details.url, verdict);
        return { redirectUrl: warningUrl(details.url) };
      } catch (err) {
        console.error('[waspada] check failed', err);
        return {};
      }
    },
    { urls: ['http://*/*', 'https://*/*'], types: ['main_frame'] },
    ['blocking'],
  );
} else if (platform.webNavigation) {
  // Chrome: list hosts are redirected by static declarativeNetRequest rules before any request;
  // heuristic verdicts (and list URLs/paths) are caught here and the tab is sent to the warning page.
  // The stop is recorded before a static rule's warning page asks for it (`claimRecentStop`).
  api.webNavigation.onBeforeNavigate.addListener(async (details) => {
    if (details.frameId !== 0 || !isWeb(details.url)) return;
    try {
      const { verdict, redirect } = await tracked(details.tabId, decide(details.url));
      if (!redirect) return;
      await tracked(details.tabId, recordStop(details.tabId, details.url, verdict));
      if (!(await staticRulesCover(verdict))) {
        await redirectTab(details.tabId, details.url);
        await rememberDangerous(verdict, details.url);
      }
    } catch (err) {
      console.error('[waspada] check failed', err);
    }
  });
}

/** A tab shows `url` (`loaded`: it finished loading): its badge, the warning page if it is a
 *  dangerous page the navigation listener did not stop, and the page probe where it applies. */
export async function onTabShows(tabId, url, loaded = false) {
  const subject = subjectOf(url);
  let level = 'invalid';
  if (subject && isWeb(subject)) {
    try {
      const { verdict, redirect } = await decide(subject);
      level = verdict.verdict;
      // A dangerous page the navigation listener did not see (e.g. right after the browser or the
      // worker started, before its listener was live), or one its page probe found: replace it now.
      if (redirect && subject === url) {
        await recordStop(tabId, url, verdict);
        await redirectTab(tabId, url);
        if (verdict.verdict === 'dangerous') await rememberDangerous(verdict, url);
      }
      if (!redirect && subject === url) await rememberSafe(tabId, url);
      if (loaded && subject === url && (await getChecker()).pageCheckApplies(verdict)) probePage(tabId, url, onTabShows);
    } catch (err) {
      console.error('[waspada] badge check failed', err);
    }
  }
  await setBadge(tabId, level);
}

api.tabs.onUpdated.addListener((tabId, changeInfo, tab) => {
  if (changeInfo.url || changeInfo.status === 'complete') {
    onTabShows(tabId, changeInfo.url ?? tab.url, changeInfo.status === 'complete').catch(() => {});
  }
});

/** Checks every open tab (badge, and the warning page for dangerous ones): pages opened before
 *  the background's listeners were live, at install or browser start, are not missed. */
export async function scanTabs() {
  const tabs = await api.tabs.query({});
  await Promise.all(
    tabs.map((t) => {
      const url = t.pendingUrl ?? t.url;
      return Number.isInteger(t.id) && url ? onTabShows(t.id, url, t.status === 'complete').catch(() => {}) : null;
    }),
  );
}
