// What Waspada stopped in each tab (storage.session: survives the worker, not the browser): the
// URL, the verdict the background decided, and the last safe page the tab showed before. The
// warning page shows only this, "Continue anyway" and "Always trust" act only on it, and "Back to
// safety" goes to that safe page (a fresh load, never the stopped page from the back/forward cache).
import { api } from '../lib/platform.js';
import { readSession, updateSession } from './session.js';
import { isWeb } from './urls.js';

const STOPS_MAX = 100;
const key = (tabId) => String(tabId);
const asMap = (map) => (map && typeof map === 'object' ? map : {});

const read = async (name) => asMap(await readSession(name));
/** Changes the map `name` (one change at a time, see session.js); `change` returns false to leave it. */
const update = (name, change) =>
  updateSession(name, async (map) => {
    const next = asMap(map);
    return (await change(next)) === false ? undefined : next;
  });

/** The safe pages a tab showed, oldest first: `{url, doc, at}` (`doc`: the page, see `tabShows`;
 *  `at`: when the tab was seen showing it). */
const safePages = (safe, tabId) =>
  (Array.isArray(safe[key(tabId)]) ? safe[key(tabId)] : []).map((e) => (typeof e === 'string' ? { url: e, doc: null } : e)).filter((e) => typeof e?.url === 'string');

/** A tab showed `url`, a page Waspada let through: where "Back to safety" can return to. `doc`:
 *  the page it is an address of; a page that changes its address is one entry, at its latest.
 *  `at`: when the tab was seen showing it (before the checks that led here, which may finish
 *  after a stop of the tab's next navigation was recorded). */
export async function rememberSafe(tabId, url, doc = null, at = Date.now()) {
  if (!Number.isInteger(tabId) || tabId < 0 || url.length > 4096) return;
  await update('lastSafe', (safe) => {
    const seen = safePages(safe, tabId);
    if (seen.at(-1)?.url === url && seen.at(-1)?.doc === doc) return false;
    // The last few pages: a page the probe stops later was itself "safe" a moment before.
    safe[key(tabId)] = [...seen.filter((e) => e.url !== url && (doc === null || e.doc !== doc)), { url, doc, at }].slice(-3);
  });
}

/** The page "Back to safety" returns to from `stop` in tab `tabId`: the last safe page the tab
 *  was seen showing before the stop, never the stopped page (nor `stop.skip`, nor another address
 *  of the stopped page `stop.doc`). */
function backOf(safe, tabId, stop) {
  const before = safePages(safe, tabId).filter(
    (e) => e.url !== stop.url && !(stop.skip ?? []).includes(e.url) && (stop.doc == null || e.doc !== stop.doc) && (typeof e.at !== 'number' || e.at <= stop.at),
  );
  return before.sort((a, b) => (a.at ?? 0) - (b.at ?? 0)).at(-1)?.url ?? null;
}

/** Waspada stopped `url` in tab `tabId` because of `verdict`. `skip`: pages "Back to safety"
 *  must not return to either (the clean page that framed the stopped one); `doc`: the stopped
 *  page (`tabShows`), none of whose addresses (history.replaceState) is a page to go back to;
 *  `from`: the address the tab showed when the stopped navigation started. */
export async function recordStop(tabId, url, verdict, { skip = [], doc = null, from = null } = {}) {
  if (!Number.isInteger(tabId) || tabId < 0) return;
  const at = Date.now();
  const back = backOf(await read('lastSafe'), tabId, { url, skip, doc, at });
  // `from`: the web page the tab showed as the stopped navigation started, if it was another one.
  const shown = isWeb(from) && from !== url && !skip.includes(from) && from.length <= 4096 ? from : null;
  await updateSession('stops', (map) => {
    const stops = asMap(map);
    stops[key(tabId)] = { url, verdict, back, skip, doc, at, from: shown, claimed: false };
    return Object.fromEntries(Object.entries(stops).sort((a, b) => a[1].at - b[1].at).slice(-STOPS_MAX));
  });
}

/** Where "Back to safety" goes from `stop` in tab `tabId`, asked when the user clicks it: the safe
 *  page the tab showed last before the stop. The stop's own `back` was taken when it was recorded,
 *  which can be before the check of that page had noted it (the tab listener and the navigation
 *  listener run side by side): it is the fallback. */
export async function backFor(tabId, stop) {
  return backOf(await read('lastSafe'), tabId, stop) ?? stop.back ?? null;
}

/** The stop for `url` in tab `tabId`, or null (a warning page Waspada did not open). A static
 *  rule's redirect can reach the page before the navigation listener recorded it: wait a moment. */
export async function stopFor(tabId, url, waitMs = 3000) {
  const end = Date.now() + waitMs;
  for (;;) {
    const stop = (await read('stops'))[key(tabId)];
    if (stop && stop.url === url) return stop;
    if (Date.now() >= end) return null;
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Navigations of each tab whose check is still running (this worker's life only): a warning page
// that asks for its tab's stop waits for them first.
const checking = new Map();

/** Runs `decision` (the check of a navigation in `tabId`) so that `recentStop` can wait for it. */
export function tracked(tabId, decision) {
  const run = decision.finally(() => {
    if (checking.get(tabId) === run) checking.delete(tabId);
  });
  checking.set(tabId, run);
  return run;
}

/** Seconds after which a stop no longer names the address of a warning page opened without one. */
const RECENT_MS = 30000;

/** The stop just made in tab `tabId` that no warning page has shown yet, or null; it is then
 *  claimed. For a warning page that a static rule redirected to by its extension path (a store
 *  build: the extension's id is not known when its rules are built, so its address carries no
 *  blocked URL): the navigation listener saw the navigation before the redirect and recorded it. */
export async function claimRecentStop(tabId, waitMs = 3000) {
  const end = Date.now() + waitMs;
  for (;;) {
    await checking.get(tabId)?.catch(() => {});
    let claimed = null;
    await update('stops', (stops) => {
      const stop = stops[key(tabId)];
      if (!(stop && stop.claimed === false && Date.now() - stop.at < RECENT_MS)) return false;
      stops[key(tabId)] = { ...stop, claimed: true };
      claimed = stop;
    });
    if (claimed) return claimed;
    if (Date.now() >= end) return null;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A warning page shows the stop of tab `tabId`: `claimRecentStop` no longer offers it. */
export async function markShown(tabId) {
  await update('stops', (stops) => {
    const stop = stops[key(tabId)];
    if (!stop || stop.claimed) return false;
    stops[key(tabId)] = { ...stop, claimed: true };
  });
}

export async function forgetTab(tabId) {
  const drop = (map) => {
    if (!(key(tabId) in map)) return false;
    delete map[key(tabId)];
  };
  await Promise.all([update('stops', drop), update('lastSafe', drop)]);
}

api.tabs.onRemoved?.addListener((tabId) => {
  forgetTab(tabId).catch(() => {});
});
