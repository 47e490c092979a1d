// A stopped site's own service workers and Cache Storage, removed (Chrome, `browsingData`). A
// site's worker answers the site's navigations inside the browser, where no declarativeNetRequest
// rule sees them, so its page ran before the warning on every visit. With the worker gone, every
// later navigation to the site is a network request, which the list's static rules and the
// host's session rule redirect before it leaves.
//
// When: once the warning page has shown a stop (`tabStop`, `recentStop` in
// background/messages.js: every stop, whatever found it, ends there) and the tab then leaves it
// for another site ("Back to safety", an address typed, a link) or is closed. Not while the
// warning shows: never with a navigation of the tab in flight (with the removal at the warning's
// show, the full e2e's "Back to safety" test timed out once at stop 17). Not when the user
// continues to the site (the tab's next page is the stopped site itself): what they chose to open
// keeps working.
//
// What: only the origin of an address Waspada stopped in that tab (and the same host on the
// other scheme), never for a site the user trusts, never for its registrable domain or another
// subdomain; nothing else of the site (cookies, storage, history) is touched. Firefox needs none
// of this (its blocking listener sees a navigation before a worker answers it): its build has no
// `browsingData`.
import { api, platform } from '../lib/platform.js';
import { loadSettings } from '../lib/settings.js';
import { updateSession } from './session.js';
import { WARNING_PAGE } from './urls.js';

/** The origins of the site at `url`: its own and, on the default port, the same host on the
 *  other scheme (the worker may be https://host's when http://host was stopped). */
export function siteOrigins(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return [];
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname) return [];
  const origins = [u.origin];
  if (u.port === '') origins.push(`${u.protocol === 'http:' ? 'https' : 'http'}://${u.host}`);
  return origins;
}

const trusts = (trusted, host) => typeof host === 'string' && trusted.some((t) => host === t || host.endsWith(`.${t}`));

/** Waspada stopped `url` because of `verdict` (one that warns): its origin's service workers and
 *  Cache Storage are removed. Resolves with the origins it was asked for ([]: nothing removed). */
export async function forgetStoppedSite(url, verdict) {
  if (!platform.browsingData || !verdict?.host) return [];
  // A site the user trusts is never stopped; were a verdict to say otherwise, its data stays.
  if (verdict.reasons?.some?.((r) => r.code === 'trust.user')) return [];
  const origins = siteOrigins(url);
  if (origins.length === 0) return [];
  const { trusted } = await loadSettings();
  if (trusts(trusted, verdict.host) || trusts(trusted, new URL(url).hostname.replace(/\.$/, ''))) return [];
  await api.browsingData.remove({ origins, originTypes: { unprotectedWeb: true } }, { serviceWorkers: true, cacheStorage: true });
  return origins;
}

const originOf = (url) => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

/** Whether 'leaving' may hold a stop (only this module writes it): unknown, so true, when the
 *  worker starts; false once it is seen empty, so an ordinary navigation reads no storage. */
let mayBeLeaving = true;

/** The warning page in tab `tabId` shows `stop`: its site's data goes when the tab leaves it
 *  (`tabLeft`). Kept in storage.session: the worker may sleep while the user reads. */
export async function forgetWhenLeft(tabId, stop) {
  if (!platform.browsingData || !Number.isInteger(tabId) || typeof stop?.url !== 'string') return;
  // Set in the queue's order (session.js), after any `tabLeft` queued before it saw the map.
  await updateSession('leaving', (map) => {
    mayBeLeaving = true;
    return { ...(map && typeof map === 'object' ? map : {}), [tabId]: { url: stop.url, verdict: stop.verdict } };
  });
}

/** Tab `tabId` now shows `url` (its top frame committed it), or was closed (`url` null). If it
 *  left a shown stop for another site, that site's data goes. Resolves with the origins removed. */
export async function tabLeft(tabId, url) {
  if (!platform.browsingData || !mayBeLeaving || (typeof url === 'string' && url.startsWith(WARNING_PAGE))) return [];
  let stop = null;
  await updateSession('leaving', (map) => {
    const held = map && typeof map === 'object' ? map : {};
    if (!(tabId in held)) {
      mayBeLeaving = Object.keys(held).length > 0;
      return undefined;
    }
    stop = held[tabId];
    const rest = { ...held };
    delete rest[tabId];
    mayBeLeaving = Object.keys(rest).length > 0;
    return rest;
  });
  if (!stop) return [];
  // "Continue anyway" (or the user opened the site again): the site stays as they chose it.
  if (typeof url === 'string' && siteOrigins(stop.url).includes(originOf(url))) return [];
  return forgetStoppedSite(stop.url, stop.verdict);
}

if (platform.browsingData) {
  const left = (tabId, url) => tabLeft(tabId, url).catch((err) => console.error('[waspada] site data', err));
  api.webNavigation?.onCommitted?.addListener((details) => {
    if (details.frameId === 0) left(details.tabId, details.url);
  });
  api.tabs.onRemoved?.addListener((tabId) => left(tabId, null));
}
