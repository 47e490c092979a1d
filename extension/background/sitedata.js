// A stopped site's own service workers and Cache Storage, removed (Chrome, `browsingData`). A
// site's worker answers the site's navigations inside the browser, where no declarativeNetRequest
// rule sees them, so its page ran before the warning on every visit. With the worker gone, every
// later navigation to the site is a network request, which the list's static rules and the
// host's session rule redirect before it leaves.
//
// When: as soon as the warning page shows a stop (`tabStop`, `recentStop` in
// background/messages.js: every stop, whatever found it, ends there). The stopped navigation has
// ended then (the tab shows the warning), so the worker's answer cannot turn into a network load
// of the same page; the earlier the removal, the fewer later visits find the worker (removed only
// when the tab left the warning, a visit soon after found it still stored 4 of 4 times). The
// navigations the extension itself starts from the warning ("Back to safety", "Continue anyway",
// "Always trust") wait for the removal (`removalSettled`), so none is in flight while it runs.
//
// What: only the origin of an address Waspada stopped in that tab (and the same host on the
// other scheme), never for a site the user trusts, never for its registrable domain or another
// subdomain; nothing else of the site (cookies, storage, history) is touched. Firefox needs none
// of this (its blocking listener sees a navigation before a worker answers it): its build has no
// `browsingData`.
import { api, platform } from '../lib/platform.js';
import { loadSettings } from '../lib/settings.js';

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

/** tabId -> the removal started when that tab's warning showed, until it settles. */
const pending = new Map();

/** The warning page in tab `tabId` shows `stop`: its site's workers and Cache Storage go now.
 *  Not awaited by the warning page; `removalSettled` lets the tab's next navigation wait for it. */
export function forgetShownStop(tabId, stop) {
  if (!platform.browsingData || !Number.isInteger(tabId) || typeof stop?.url !== 'string') return Promise.resolve([]);
  const removal = forgetStoppedSite(stop.url, stop.verdict);
  pending.set(tabId, removal);
  const done = () => {
    if (pending.get(tabId) === removal) pending.delete(tabId);
  };
  removal.then(done, done);
  return removal;
}

/** Resolves once the removal started for tab `tabId` has settled (at most `capMs`: a browser that
 *  never answers must not keep the user on the warning). Never rejects. */
export function removalSettled(tabId, capMs = 3000) {
  const removal = pending.get(tabId);
  if (!removal) return Promise.resolve();
  let timer;
  const cap = new Promise((resolve) => {
    timer = setTimeout(resolve, capMs);
  });
  return Promise.race([removal.catch(() => {}), cap]).finally(() => clearTimeout(timer));
}
