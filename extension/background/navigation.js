// Navigations: each top-level navigation is checked before the page can be used, and a dangerous
// one is replaced by the warning page. Firefox holds the request (blocking webRequest); Chrome
// redirects listed hosts with static rules and sends the tab away after the heuristics answered.
import { api, platform } from '../lib/platform.js';
import { getChecker } from '../lib/engine.js';
import { isWeb, warningUrl, subjectOf, isOwnPage } from './urls.js';
import { decide, tabShows, newTabPage } from './verdicts.js';
import { rememberDangerous, staticRulesCover, sessionRulesCover } from './dnr.js';
import { probePage } from './probe.js';
import { setBadge } from './badge.js';
import { recordStop, rememberSafe, tracked } from './stops.js';

// A tab sent to the warning page for a URL is not sent again for the same URL, or for another
// address of the same page (`doc`, see `tabShows`), within a few seconds: the navigation listener
// and the tab listener can both see the same navigation, and a page that changes its address with
// history.replaceState keeps doing so until the warning page replaces it (a second warning, for
// its next address, would replace the first one's stop).
const recentRedirects = new Map();
/** Whether tab `tabId` may be sent to the warning page for `url` now; it is then reserved
 *  (synchronously: two checks of the same page in flight never both send it). */
function claimRedirect(tabId, url, doc = null) {
  const recent = recentRedirects.get(tabId);
  if (recent && (recent.url === url || (doc !== null && recent.doc === doc))) return false;
  const entry = { url, doc };
  recentRedirects.set(tabId, entry);
  setTimeout(() => {
    if (recentRedirects.get(tabId) === entry) recentRedirects.delete(tabId);
  }, 5000);
  return true;
}
async function redirectTab(tabId, url) {
  if (claimRedirect(tabId, url)) await api.tabs.update(tabId, { url: warningUrl(url) });
}

/** A frame of the page in `tabId` is going to `url`, which warns: the whole tab goes to the
 *  warning page for the framed address (a clean page framing a phishing page is no safer than the
 *  page itself). "Back to safety" then skips the framing page, which would frame it again. */
async function warnFramed(tabId, url, verdict, framingUrl) {
  let framing = framingUrl;
  if (!framing) framing = (await api.tabs.get(tabId).catch(() => null))?.url;
  await recordStop(tabId, url, verdict, { skip: framing ? [framing] : [] });
  await redirectTab(tabId, url);
}

if (platform.blockingWebRequest) {
  // Firefox: a blocking webRequest listener holds every page and frame request until the wasm has
  // answered. A dangerous frame is cancelled (it never loads) and its tab warned.
  api.webRequest.onBeforeRequest.addListener(
    async (details) => {
      if (!isWeb(details.url)) return {};
      // A new document in the tab: what its last page showed no longer counts (see `tabShows`).
      // A link that turns out to be a download also comes here: its page then merely loses
      // that (the verdicts kept per address still hold).
      if (details.type === 'main_frame' && details.tabId >= 0) newTabPage(details.tabId).catch(() => {});
      try {
        const { verdict, redirect } = await decide(details.url);
        if (!redirect) return {};
        if (details.type === 'sub_frame') {
          if (details.tabId >= 0) await warnFramed(details.tabId, details.url, verdict, details.documentUrl ?? details.originUrl);
          return { cancel: true };
        }
        await recordStop(details.tabId, details.url, verdict);
        return { redirectUrl: warningUrl(details.url) };
      } catch (err) {
        console.error('[waspada] check failed', err);
        return {};
      }
    },
    { urls: ['http://*/*', 'https://*/*'], types: ['main_frame', 'sub_frame'] },
    ['blocking'],
  );
} else if (platform.webNavigation) {
  // Chrome: list hosts are redirected by static declarativeNetRequest rules before any request
  // (and their frames blocked); heuristic verdicts (and list URLs/paths) are caught here and the
  // tab is sent to the warning page, for a frame too. The stop is recorded before a static rule's
  // warning page asks for it (`claimRecentStop`).
  api.webNavigation.onBeforeNavigate.addListener(async (details) => {
    if (!isWeb(details.url)) return;
    if (details.frameId !== 0 && details.frameType !== 'outermost_frame') {
      try {
        const { verdict, redirect } = await decide(details.url);
        if (redirect) await warnFramed(details.tabId, details.url, verdict);
      } catch (err) {
        console.error('[waspada] frame check failed', err);
      }
      return;
    }
    if (details.frameId !== 0) {
      // A page Chrome prerenders (speculation rules, the address bar): it has no tab of its own
      // yet. Its host gets the session redirect, so a navigation to it that is not served from
      // the prerender is stopped before any request; an activated prerender is replaced by the
      // tab listener below.
      try {
        const { verdict, redirect } = await decide(details.url);
        if (redirect && !(await staticRulesCover(verdict))) await rememberDangerous(verdict, details.url);
      } catch (err) {
        console.error('[waspada] prerender check failed', err);
      }
      return;
    }
    // A new document in the tab: what its last page showed no longer counts (see `tabShows`; a
    // same-document address change starts no navigation). Here, before its commit: the tab
    // listener may hear of the new address before webNavigation.onCommitted is answered.
    newTabPage(details.tabId).catch(() => {});
    await checkTopNavigation(details.tabId, details.url);
  });
  // A page that re-renders itself from a `blob:` URL: Chrome hides that address from the tab
  // listener (no host permission matches `blob:`), webNavigation reports it.
  api.webNavigation.onCommitted?.addListener((details) => {
    if (details.frameId === 0 && /^blob:https?:/i.test(details.url)) onTabShows(details.tabId, details.url, true).catch(() => {});
  });
  // A redirect chain (a shortener or a clean site answering 302 to a lookalike): Chrome reports
  // no new navigation for the target, only this (non-blocking) event, before the target's request.
  api.webRequest?.onBeforeRedirect?.addListener(
    (details) => {
      if (details.frameId === 0 && details.tabId >= 0 && isWeb(details.redirectUrl)) checkTopNavigation(details.tabId, details.redirectUrl);
    },
    { urls: ['http://*/*', 'https://*/*'], types: ['main_frame'] },
  );
}

/** Chrome: a top-level navigation to `url` starts in `tabId`. */
async function checkTopNavigation(tabId, url) {
  // What the tab shows as the navigation starts (the page the link was clicked on, unless the
  // navigation has already committed): "Back to safety" returns there. Asked at once, alongside
  // the check, not after it: a worker just woken takes longer to decide than a server to answer,
  // and by then the stopped page has committed (asked after the check, 6 of 24 cold visits went
  // a page too far with a 50 ms server; 0 of 24 asked at once). One tab read per navigation,
  // never awaited by the check.
  const from = api.tabs
    .get(tabId)
    .then((tab) => tab?.url ?? null)
    .catch(() => null);
  try {
    // `tracked`: a warning page a static rule opened without an address (a store build) waits
    // for this check and its stop (`claimRecentStop`).
    const { verdict, redirect } = await tracked(tabId, decide(url));
    if (!redirect) return;
    // Chrome's rules redirected this navigation before its request (a listed host, or a host
    // this session already found dangerous): the stop is recorded for the warning page, the tab
    // is not sent there a second time.
    if ((await staticRulesCover(verdict)) || (await sessionRulesCover(verdict, url))) {
      await tracked(tabId, recordStop(tabId, url, verdict, { from: await from }));
      return;
    }
    // The page is loading meanwhile: the tab leaves first, the stop is recorded alongside (the
    // warning page waits for it).
    await Promise.all([redirectTab(tabId, url), tracked(tabId, from.then((page) => recordStop(tabId, url, verdict, { from: page })))]);
    await rememberDangerous(verdict, url);
  } catch (err) {
    console.error('[waspada] check failed', err);
  }
}

/** A tab shows `url` (`loaded`: it finished loading): its badge, the warning page if it is a
 *  dangerous page the navigation listener did not stop, and the page probe where it applies. */
export async function onTabShows(tabId, url, loaded = false) {
  const seenAt = Date.now();
  const subject = subjectOf(url);
  let level = 'invalid';
  if (subject && isWeb(subject)) {
    try {
      // `subject` differs from `url` on our warning page, and on a `blob:` page (a site that
      // re-renders itself from a blob: is judged, stopped and probed as that site).
      const own = isOwnPage(url);
      // The tab shows the warning page: it has arrived, a later navigation to the same address
      // is sent there again (Chrome: a page a service worker serves passes no session rule).
      if (own) recentRedirects.delete(tabId);
      // The page this address belongs to: what the probe found on it holds for every address
      // the page takes (history.replaceState), none of which is a page to go back to from its
      // stop.
      const page = own ? (await newTabPage(tabId), null) : await tabShows(tabId, subject, subject !== url);
      const { verdict, redirect } = await decide(subject, page?.verdict ?? null);
      level = verdict.verdict;
      // A dangerous page the navigation listener did not see (e.g. right after the browser or the
      // worker started, before its listener was live), or one its page probe found: replace it now.
      if (redirect && !own && claimRedirect(tabId, subject, page?.doc ?? null)) {
        await recordStop(tabId, subject, verdict, { doc: page?.doc ?? null });
        await api.tabs.update(tabId, { url: warningUrl(subject) });
        if (verdict.verdict === 'dangerous') await rememberDangerous(verdict, subject);
      }
      if (!redirect && !own && subject === url) await rememberSafe(tabId, url, page?.doc ?? null, seenAt);
      if (loaded && !own && (await getChecker()).pageCheckApplies(verdict)) probePage(tabId, url, onTabShows, page?.doc ?? null);
    } catch (err) {
      console.error('[waspada] badge check failed', err);
    }
  }
  await setBadge(tabId, level);
}

/** The address of a page whose tab hides it (no host permission matches `blob:`), asked of its
 *  top frame; only a `blob:` page of a web site counts. */
async function hiddenBlobAddress(tabId) {
  if (!platform.scripting) return null;
  const [res] = await api.scripting.executeScript({ target: { tabId, frameIds: [0] }, func: () => location.href }).catch(() => []);
  return typeof res?.result === 'string' && /^blob:https?:\/\//i.test(res.result) ? res.result : null;
}

api.tabs.onRemoved?.addListener((tabId) => {
  newTabPage(tabId).catch(() => {});
});

api.tabs.onUpdated.addListener((tabId, changeInfo, tab) => {
  if (changeInfo.url || changeInfo.status === 'complete') {
    const url = changeInfo.url ?? tab.url;
    if (url === undefined && changeInfo.status === 'complete' && !platform.webNavigation) {
      // Firefox: a site that re-rendered itself from a blob: URL (Chrome: webNavigation above).
      hiddenBlobAddress(tabId)
        .then((blob) => blob && onTabShows(tabId, blob, true))
        .catch(() => {});
      return;
    }
    onTabShows(tabId, url, changeInfo.status === 'complete').catch(() => {});
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
