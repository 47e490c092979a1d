// Trust: "Continue anyway" (this session), "Always trust this site", "Back to safety", and every
// settings change. The first three act only on what Waspada stopped in the sender's tab
// (background/stops.js), whatever address a page puts in the warning page's URL, and cover
// exactly the host the user saw: never its registrable domain, a public suffix or a hosting
// platform (the core refuses such trust entries).
import { api, blankPage } from '../lib/platform.js';
import { getChecker, applySettings } from '../lib/engine.js';
import { loadSettings, saveSettings } from '../lib/settings.js';
import { syncRules, setSessionAllows, forgetDangerous } from './dnr.js';
import { allowedOnce, forgetPageVerdicts, decide } from './verdicts.js';
import { stopFor, backFor } from './stops.js';
import { removalSettled } from './sitedata.js';

/** The stop `url` in the sender's tab, or an error: only a navigation Waspada stopped there. */
async function stopOf(sender, url) {
  const tabId = sender?.tab?.id;
  const stop = Number.isInteger(tabId) ? await stopFor(tabId, url, 0) : null;
  if (!stop || !stop.verdict?.host) throw new Error('Waspada did not stop this page in this tab');
  return stop;
}

export async function allowOnce(url, sender) {
  const host = (await stopOf(sender, url)).verdict.host;
  // The warning page navigates to the site on this reply: not while its data is being removed.
  await removalSettled(sender.tab.id);
  const allowed = await allowedOnce();
  if (!allowed.includes(host)) allowed.push(host);
  await api.storage.session.set({ allowed });
  await setSessionAllows(allowed);
  return { ok: true, host };
}

export async function updateSettings(next) {
  await forgetPageVerdicts();
  await forgetDangerous();
  const saved = await saveSettings(next);
  await applySettings(saved);
  await syncRules(saved);
  return saved;
}

export async function trustSite(url, sender) {
  const host = (await stopOf(sender, url)).verdict.host;
  await removalSettled(sender.tab.id); // the warning page navigates to the site on the reply
  const settings = await loadSettings();
  const saved = await updateSettings({ ...settings, trusted: [...settings.trusted, host] });
  // The core decides what can be trusted: if it refused the entry (a public suffix, a hosting
  // platform), take it out again and say so.
  if (!(await getChecker()).check(url).reasons.some((r) => r.code === 'trust.user')) {
    await updateSettings({ ...saved, trusted: saved.trusted.filter((s) => s !== host) });
    throw new Error(`${host} cannot be trusted as a whole site`);
  }
  return saved;
}

export async function untrustSite(site) {
  const settings = await loadSettings();
  return updateSettings({ ...settings, trusted: settings.trusted.filter((s) => s !== site) });
}

/** "Back to safety": the page the tab showed before the stop, loaded afresh (never the stopped
 *  page, which the back/forward cache could restore without a request), else an empty page. */
export async function backToSafety(url, sender) {
  const tabId = sender?.tab?.id;
  if (!Number.isInteger(tabId)) throw new Error('no tab');
  const stop = await stopFor(tabId, url, 0);
  await removalSettled(tabId); // no navigation of the tab while the stopped site's data goes
  // The page the tab showed as the stopped navigation started, if Waspada lets it through (the
  // tab listener may never have noted it: a worker stopped meanwhile); else the last safe page.
  const from = stop?.from && !(await decide(stop.from).catch(() => ({ redirect: true }))).redirect ? stop.from : null;
  const back = from ?? (stop ? await backFor(tabId, stop) : null);
  await api.tabs.update(tabId, { url: back ?? blankPage() });
  return { ok: true };
}
