// The one table of messages between the extension's pages and its background.
// Every message is `{ type, ...payload }`; the background checks the payload's shape on receipt
// and refuses anything else. `trust: true` marks messages that change trust or settings: those are
// accepted only from the extension's own pages (never from a web page or another extension).

const isString = (v, max = 4096) => typeof v === 'string' && v.length > 0 && v.length <= max;
const isStringList = (v) => Array.isArray(v) && v.length <= 1000 && v.every((s) => isString(s, 253));
const isSettings = (v) =>
  v !== null &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  (v.sensitivity === undefined || ['low', 'normal', 'high'].includes(v.sensitivity)) &&
  (v.trusted === undefined || isStringList(v.trusted)) &&
  (v.protected === undefined || isStringList(v.protected)) &&
  (v.page_probe === undefined || typeof v.page_probe === 'boolean') &&
  (v.disabled_categories === undefined ||
    (Array.isArray(v.disabled_categories) &&
      v.disabled_categories.every((c) => ['phishing', 'scam', 'malware', 'crypto', 'gambling'].includes(c))));

/** name -> { fields: {name: predicate}, trust: boolean, doc } */
export const MESSAGES = {
  check: { fields: { url: isString }, trust: false, doc: 'Check any link. Reply: Verdict.' },
  tabVerdict: {
    fields: { tabId: (v) => Number.isInteger(v) && v >= 0 },
    trust: false,
    doc: 'The verdict for what a tab shows (the blocked URL if it shows the warning page). Reply: {url, verdict}.',
  },
  listInfo: { fields: {}, trust: false, doc: 'Reply: {list_version, build_date, counts, wasm_version}.' },
  getSettings: { fields: {}, trust: false, doc: 'Reply: Settings.' },
  setSettings: { fields: { settings: isSettings }, trust: true, doc: 'Replace the settings. Reply: Settings.' },
  allowOnce: { fields: { url: isString }, trust: true, doc: "'Continue anyway': allow this site for the session. Reply: {ok}." },
  trustSite: { fields: { url: isString }, trust: true, doc: "'Always trust this site'. Reply: Settings." },
  untrustSite: { fields: { site: (v) => isString(v, 253) }, trust: true, doc: 'Remove a trusted site. Reply: Settings.' },
};

/**
 * Checks a received message against the table. Returns `null` if it is well formed, else why not.
 * `fromOwnPage` says whether the sender is one of the extension's own pages.
 */
export function validate(msg, fromOwnPage) {
  if (msg === null || typeof msg !== 'object' || Array.isArray(msg)) return 'message is not an object';
  const spec = Object.hasOwn(MESSAGES, msg.type) ? MESSAGES[msg.type] : undefined;
  if (!spec) return `unknown message type ${JSON.stringify(String(msg.type)).slice(0, 60)}`;
  for (const key of Object.keys(msg)) {
    if (key !== 'type' && !Object.hasOwn(spec.fields, key)) return `${msg.type}: unexpected field ${key}`;
  }
  for (const [key, ok] of Object.entries(spec.fields)) {
    if (!ok(msg[key])) return `${msg.type}: bad or missing field ${key}`;
  }
  if (spec.trust && !fromOwnPage) return `${msg.type}: only the extension's own pages may send this`;
  return null;
}
