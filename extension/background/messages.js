// The one table of messages the background answers: each type's fields (checked on receipt), who
// may send it (`trust: true`: only the extension's own pages) and its handler.
import { api } from '../lib/platform.js';
import { validate, isString, isHostText, isTabId, isSettings } from '../lib/messages.js';
import { loadSettings } from '../lib/settings.js';
import { OWN_ORIGIN, isWeb, subjectOf } from './urls.js';
import { verdictOf } from './verdicts.js';
import { currentStatus } from './status.js';
import { listInfo } from './list.js';
import { allowOnce, trustSite, untrustSite, updateSettings, backToSafety } from './trust.js';
import { stopFor, recordStop, claimRecentStop, markShown } from './stops.js';
import { staticRulesCover } from './dnr.js';
import { downloadStop, downloadAnyway } from './downloads.js';
import { lateFacts } from './probe.js';
import { forgetShownStop } from './sitedata.js';
import { onTabShows } from './navigation.js';

/** The warning page in `tabId` shows `stop`: the stopped site's own service workers and Cache
 *  Storage go now (background/sitedata.js), so none answers a later navigation to it out of sight
 *  of the redirect rules. Here every stop ends, whatever found it. */
function forgetShown(tabId, stop) {
  forgetShownStop(tabId, stop).catch((err) => console.error('[waspada] site data', err));
}

const isFacts = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && JSON.stringify(v).length <= 16384;

/** name -> { fields: {name: predicate}, trust, doc, handle(msg, sender) } */
export const MESSAGES = Object.freeze({
  check: { fields: { url: isString }, trust: false, doc: 'Check any link. Reply: Verdict.', handle: ({ url }) => verdictOf(url) },
  tabVerdict: {
    fields: { tabId: isTabId },
    trust: false,
    doc: 'The verdict for what a tab shows (the blocked URL if it shows the warning page). Reply: {url, verdict}.',
    async handle({ tabId }) {
      const tab = await api.tabs.get(tabId);
      const url = subjectOf(tab.url ?? tab.pendingUrl);
      if (!url) return { url: null, verdict: null };
      return { url, verdict: isWeb(url) ? await verdictOf(url) : null };
    },
  },
  listInfo: {
    fields: {},
    trust: false,
    doc: 'Reply: {list_version, build_date, age_days, stale, stale_after_days, counts, total, sources: [{id, title, homepage, licence, attribution, entries}], wasm_version}.',
    handle: () => listInfo(),
  },
  status: { fields: {}, trust: false, doc: 'How much protection runs. Reply: {engine, list, hostAccess, degraded, problem}.', handle: () => currentStatus() },
  getSettings: { fields: {}, trust: false, doc: 'Reply: Settings.', handle: () => loadSettings() },
  setSettings: { fields: { settings: isSettings }, trust: true, doc: 'Replace the settings. Reply: Settings.', handle: ({ settings }) => updateSettings(settings) },
  tabStop: {
    fields: { url: isString },
    trust: true,
    doc: 'What Waspada stopped in the sender\'s tab, if it stopped this URL there. Reply: {url, verdict} or null.',
    async handle({ url }, sender) {
      const tabId = sender?.tab?.id;
      if (!Number.isInteger(tabId)) return null;
      let stop = await stopFor(tabId, url);
      if (!stop) {
        // Chrome's static rules redirect listed hosts even before the background's listeners are
        // live (just installed or started): such a warning is the list's, and true for anyone.
        const verdict = await verdictOf(url);
        if (!(await staticRulesCover(verdict))) return null;
        await recordStop(tabId, url, verdict);
        stop = { url, verdict };
      }
      await markShown(tabId);
      forgetShown(tabId, stop);
      return { url: stop.url, verdict: stop.verdict };
    },
  },
  recentStop: {
    fields: {},
    trust: true,
    doc: "What Waspada has just stopped in the sender's tab, for a warning page whose address names no URL (a static rule's redirect by extension path, in a store build). Reply: {url, verdict} or null.",
    async handle(_msg, sender) {
      const tabId = sender?.tab?.id;
      if (!Number.isInteger(tabId)) return null;
      const stop = await claimRecentStop(tabId);
      if (stop) forgetShown(tabId, stop);
      return stop ? { url: stop.url, verdict: stop.verdict } : null;
    },
  },
  allowOnce: { fields: { url: isString }, trust: true, doc: "'Continue anyway': allow the host stopped in the sender's tab for the session. Reply: {ok, host}.", handle: ({ url }, sender) => allowOnce(url, sender) },
  trustSite: { fields: { url: isString }, trust: true, doc: "'Always trust this site': the host stopped in the sender's tab. Reply: Settings.", handle: ({ url }, sender) => trustSite(url, sender) },
  backToSafety: { fields: { url: isString }, trust: true, doc: "'Back to safety': the sender's tab goes to its page before the stop. Reply: {ok}.", handle: ({ url }, sender) => backToSafety(url, sender) },
  probeLate: {
    fields: { facts: isFacts },
    trust: false,
    doc: "The page probe's focus watcher (in a probed page's top frame): the page drew a credential form after the wait. Reply: {ok}.",
    handle: ({ facts }, sender) => lateFacts(facts, sender, onTabShows),
  },
  downloadStop: { fields: { id: isHostText }, trust: true, doc: 'A download Waspada stopped (for its explanation page). Reply: {url, file, verdict} or null.', handle: ({ id }) => downloadStop(id) },
  downloadAnyway: { fields: { id: isHostText }, trust: true, doc: "'Download it anyway': download the stopped file again, allowed for the session. Reply: {ok}.", handle: ({ id }) => downloadAnyway(id) },
  untrustSite: { fields: { site: isHostText }, trust: true, doc: 'Remove a trusted site. Reply: Settings.', handle: ({ site }) => untrustSite(site) },
});

/** Whether `sender` is one of the extension's own pages. */
export const fromOwnPage = (sender) => sender?.id === api.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(OWN_ORIGIN);

/** Validates and answers one message: resolves with `{result}` or `{error}`. */
export async function answer(msg, sender) {
  const problem = validate(MESSAGES, msg, fromOwnPage(sender));
  if (problem) return { error: problem };
  try {
    return { result: await MESSAGES[msg.type].handle(msg, sender) };
  } catch (err) {
    return { error: String(err?.message ?? err) };
  }
}

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  answer(msg, sender).then(sendResponse);
  return true;
});
