// Messages between the extension's pages and its background: every message is `{ type, ...payload }`.
// The one table of them (each type's fields, who may send it, and its handler) is
// `background/messages.js`; here are the field checks it is written with and the validator, which
// checks a received message against the table and refuses anything else. `trust: true` marks
// messages that change trust or settings: those are accepted only from the extension's own pages
// (never from a web page or another extension).
import { CATEGORIES, SENSITIVITIES } from './enums.js';

export const isString = (v, max = 4096) => typeof v === 'string' && v.length > 0 && v.length <= max;
export const isHostText = (v) => isString(v, 253);
export const isTabId = (v) => Number.isInteger(v) && v >= 0;
const isStringList = (v) => Array.isArray(v) && v.length <= 1000 && v.every(isHostText);
export const isSettings = (v) =>
  v !== null &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  (v.sensitivity === undefined || SENSITIVITIES.includes(v.sensitivity)) &&
  (v.trusted === undefined || isStringList(v.trusted)) &&
  (v.protected === undefined || isStringList(v.protected)) &&
  (v.page_probe === undefined || typeof v.page_probe === 'boolean') &&
  (v.disabled_categories === undefined || (Array.isArray(v.disabled_categories) && v.disabled_categories.every((c) => CATEGORIES.includes(c))));

/**
 * Checks a received message against `table` (name -> { fields: {name: predicate}, trust }).
 * Returns `null` if it is well formed, else why not. `fromOwnPage`: the sender is one of the
 * extension's own pages.
 */
export function validate(table, msg, fromOwnPage) {
  if (msg === null || typeof msg !== 'object' || Array.isArray(msg)) return 'message is not an object';
  const spec = Object.hasOwn(table, msg.type) ? table[msg.type] : undefined;
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
