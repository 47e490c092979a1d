// The one table of messages the background answers: each type's fields (checked on receipt), who
// may send it (`trust: true`: only the extension's own pages) and its handler.
import { api } from '../lib/platform.js';
import { validate, isString, isHostText, isTabId, isSettings } from '../lib/messages.js';
import { getChecker } from '../lib/engine.js';
import { loadSettings } from '../lib/settings.js';
import { OWN_ORIGIN, isWeb, subjectOf } from './urls.js';
import { verdictOf } from './verdicts.js';
import { currentStatus } from './status.js';
import { allowOnce, trustSite, untrustSite, updateSettings } from './trust.js';

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
  listInfo: { fields: {}, trust: false, doc: 'Reply: {list_version, build_date, counts, wasm_version}.', handle: async () => (await getChecker()).info() },
  status: { fields: {}, trust: false, doc: 'How much protection runs. Reply: {engine, list, hostAccess, degraded, problem}.', handle: () => currentStatus() },
  getSettings: { fields: {}, trust: false, doc: 'Reply: Settings.', handle: () => loadSettings() },
  setSettings: { fields: { settings: isSettings }, trust: true, doc: 'Replace the settings. Reply: Settings.', handle: ({ settings }) => updateSettings(settings) },
  allowOnce: { fields: { url: isString }, trust: true, doc: "'Continue anyway': allow this site for the session. Reply: {ok}.", handle: ({ url }) => allowOnce(url) },
  trustSite: { fields: { url: isString }, trust: true, doc: "'Always trust this site'. Reply: Settings.", handle: ({ url }) => trustSite(url) },
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
