// What Waspada stopped in each tab (storage.session: survives the worker, not the browser): the
// URL, the verdict the background decided, and the last safe page the tab showed before. The
// warning page shows only this, "Continue anyway" and "Always trust" act only on it, and "Back to
// safety" goes to that safe page (a fresh load, never the stopped page from the back/forward cache).
import { api } from '../lib/platform.js';

const STOPS_MAX = 100;
const key = (tabId) => String(tabId);

async function read(name) {
  const { [name]: map } = await api.storage.session.get(name);
  return map && typeof map === 'object' ? map : {};
}

/** A tab showed `url`, a page Waspada let through: where "Back to safety" can return to. */
export async function rememberSafe(tabId, url) {
  if (!Number.isInteger(tabId) || tabId < 0 || url.length > 4096) return;
  const safe = await read('lastSafe');
  const seen = Array.isArray(safe[key(tabId)]) ? safe[key(tabId)] : [];
  if (seen.at(-1) === url) return;
  // The last few: a page the probe stops later was itself "safe" a moment before.
  safe[key(tabId)] = [...seen.filter((u) => u !== url), url].slice(-3);
  await api.storage.session.set({ lastSafe: safe });
}

/** Waspada stopped `url` in tab `tabId` because of `verdict`. `skip`: pages "Back to safety"
 *  must not return to either (the clean page that framed the stopped one). */
export async function recordStop(tabId, url, verdict, { skip = [] } = {}) {
  if (!Number.isInteger(tabId) || tabId < 0) return;
  const [stops, safe] = [await read('stops'), await read('lastSafe')];
  const back = (Array.isArray(safe[key(tabId)]) ? safe[key(tabId)] : []).filter((u) => u !== url && !skip.includes(u)).at(-1) ?? null;
  stops[key(tabId)] = { url, verdict, back, at: Date.now(), claimed: false };
  const kept = Object.entries(stops).sort((a, b) => a[1].at - b[1].at).slice(-STOPS_MAX);
  await api.storage.session.set({ stops: Object.fromEntries(kept) });
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
    const stops = await read('stops');
    const stop = stops[key(tabId)];
    if (stop && stop.claimed === false && Date.now() - stop.at < RECENT_MS) {
      stops[key(tabId)] = { ...stop, claimed: true };
      await api.storage.session.set({ stops });
      return stop;
    }
    if (Date.now() >= end) return null;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A warning page shows the stop of tab `tabId`: `claimRecentStop` no longer offers it. */
export async function markShown(tabId) {
  const stops = await read('stops');
  const stop = stops[key(tabId)];
  if (!stop || stop.claimed) return;
  stops[key(tabId)] = { ...stop, claimed: true };
  await api.storage.session.set({ stops });
}

export async function forgetTab(tabId) {
  const [stops, safe] = [await read('stops'), await read('lastSafe')];
  delete stops[key(tabId)];
  delete safe[key(tabId)];
  await api.storage.session.set({ stops, lastSafe: safe });
}

api.tabs.onRemoved?.addListener((tabId) => {
  forgetTab(tabId).catch(() => {});
});
