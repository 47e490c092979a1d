// A stopped site's own service workers and Cache Storage, removed (Chrome, `browsingData`). A
// site's worker answers the site's navigations inside the browser, where no declarativeNetRequest
// rule sees them, so its page ran before the warning on every visit. With the worker gone, every
// later navigation to the site is a network request, which the list's static rules and the
// host's session rule redirect before it leaves. Removed when the warning page shows a stop
// (`tabStop`, `recentStop` in background/messages.js: every stop, whatever found it, ends there),
// with the tab off the site. Only for the origin of an address Waspada stopped in that tab (and
// the same host on the other scheme), never for a site the user trusts, never for its
// registrable domain or another subdomain; nothing else of the site (cookies, storage, history)
// is touched. Firefox needs none of this (its blocking listener sees a
// navigation before a worker answers it): its build has no `browsingData`.
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
