// What the background decided: the verdict for a URL (the page's, if the probe looked at it) and
// whether a navigation to it is replaced by the warning page.
import { api } from '../lib/platform.js';
import { getChecker } from '../lib/engine.js';
import { WARNS } from '../lib/enums.js';
import { readSession, updateSession } from './session.js';

// Verdicts that include what the page itself showed, kept for the session (newest last).
const PAGE_VERDICTS_MAX = 20;

async function pageVerdicts() {
  const list = await readSession('pageVerdicts');
  return Array.isArray(list) ? list : [];
}

export function rememberPageVerdict(url, verdict) {
  return updateSession('pageVerdicts', (list) => [...(Array.isArray(list) ? list : []).filter((e) => e.url !== url), { url, verdict }].slice(-PAGE_VERDICTS_MAX));
}

export const forgetPageVerdicts = () => Promise.all([updateSession('pageVerdicts', () => []), updateSession('tabPages', () => ({}))]);

// The page each tab shows (one document, storage.session `tabPages`): every address it took and,
// once the probe has looked at it, the page's verdict. A page that changes its address with
// history.replaceState or pushState is still that page: what the probe found on it holds for
// each address it takes, and none of them is a safe page to go back to. A new document (a
// top-level navigation: Firefox's request, Chrome's onBeforeNavigate) or another origin is another page.
const TAB_PAGES_MAX = 100;
const ADDRESSES_MAX = 50;
const originOf = (url) => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};
const pages = (map) => (map && typeof map === 'object' ? map : {});

/** A new document starts in tab `tabId` (or the tab closed): its last page no longer counts. */
export function newTabPage(tabId) {
  return updateSession('tabPages', (map) => {
    const all = pages(map);
    if (!(String(tabId) in all)) return undefined;
    delete all[String(tabId)];
    return all;
  });
}

/** Tab `tabId` shows the web address `url`: the page it belongs to, `{doc, origin, addresses,
 *  verdict}` (the same page as before if it has the same origin and no new document started).
 *  `fresh`: an address only a new document can have (a `blob:` page's, which Firefox loads
 *  without a request), a new page unless the tab's page already showed it. */
export async function tabShows(tabId, url, fresh = false) {
  const origin = originOf(url);
  let page = null;
  await updateSession('tabPages', (map) => {
    const all = pages(map);
    const last = all[String(tabId)];
    if (last && last.origin === origin && !(fresh && !last.addresses.includes(url))) {
      page = { ...last, addresses: [...last.addresses.filter((u) => u !== url), url].slice(-ADDRESSES_MAX) };
    } else {
      page = { doc: `${Date.now().toString(36)}.${Math.random().toString(36).slice(2)}`, origin, addresses: [url], verdict: null, at: Date.now() };
    }
    all[String(tabId)] = page;
    return Object.fromEntries(Object.entries(all).sort((a, b) => a[1].at - b[1].at).slice(-TAB_PAGES_MAX));
  });
  return page;
}

/** The page tab `tabId` shows now (see `tabShows`), or null. */
export async function tabPage(tabId) {
  return pages(await readSession('tabPages'))[String(tabId)] ?? null;
}

/** The probe found `verdict` on page `doc` of tab `tabId`: kept if the tab still shows that page.
 *  Resolves with the page, or null. */
export async function setTabPageVerdict(tabId, doc, verdict) {
  let page = null;
  await updateSession('tabPages', (map) => {
    const all = pages(map);
    const last = all[String(tabId)];
    if (!last || last.doc !== doc) return undefined;
    page = { ...last, verdict };
    all[String(tabId)] = page;
    return all;
  });
  return page;
}

/** `url` without its query and fragment: a kit's page is the same page whatever token per
 *  victim (`?id=…`) its links carry. */
export const pageAddress = (url) => String(url).split(/[?#]/)[0];

/** The verdict for a URL: the page's if its page was probed (the same address with another
 *  query counts), else the address's. */
export async function verdictOf(url) {
  const list = await pageVerdicts();
  const page = (list.find((e) => e.url === url) ?? list.find((e) => pageAddress(e.url) === pageAddress(url)))?.verdict;
  return page ?? (await getChecker()).check(url);
}

/** The hosts allowed for this session ("Continue anyway"). */
export async function allowedOnce() {
  const { allowed } = await api.storage.session.get('allowed');
  return Array.isArray(allowed) ? allowed : [];
}

/** Returns the verdict for `url` (`known`: the verdict of the page a tab shows at that address,
 *  `tabShows`) and whether the navigation must be replaced by the warning page. */
export async function decide(url, known = null) {
  const verdict = known ?? (await verdictOf(url));
  if (!WARNS.includes(verdict.verdict)) return { verdict, redirect: false };
  const allowed = await allowedOnce();
  return { verdict, redirect: !(verdict.host && allowed.includes(verdict.host)) };
}
