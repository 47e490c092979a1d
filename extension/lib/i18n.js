// Localizes pages from _locales and explains reasons in plain words. The language is the browser's
// (the browser picks the `_locales` folder), unless the user chose another one in the options: then
// that locale's messages.json is read from the package once, when a page loads this module.
import { api } from './platform.js';

/** The shipped locales, each named in its own language (the options' language picker shows these). */
export const LANGUAGES = Object.freeze({
  en: 'English',
  id: 'Bahasa Indonesia',
  ms: 'Bahasa Melayu',
  th: 'ไทย',
  vi: 'Tiếng Việt',
  fil: 'Filipino',
});
/** storage.local key of the user's choice; absent = follow the browser. */
export const LANGUAGE_KEY = 'ui_language';

/** The locale the user chose, if any and shipped: `{ lang, messages }`, or null (use the browser's). */
async function loadChosen() {
  try {
    const lang = (await api.storage.local.get(LANGUAGE_KEY))[LANGUAGE_KEY];
    if (!Object.hasOwn(LANGUAGES, lang)) return null;
    const res = await fetch(api.runtime.getURL(`_locales/${lang}/messages.json`));
    return { lang, messages: await res.json() };
  } catch {
    return null; // no storage (tests) or an unreadable file: the browser's language it is
  }
}
const chosen = await loadChosen();

/** The message of `key` in the page's language ('' if none). */
const message = (key) => chosen?.messages[key]?.message || api.i18n.getMessage(key) || '';

export const t = (key) => message(key) || key;

/** The page's language: the user's choice, else the browser's UI language (primary subtag). */
export function uiLanguage() {
  return chosen?.lang ?? (api.i18n.getUILanguage().split('-')[0] || 'en');
}

/** Saves the user's language (`''` = follow the browser); pages pick it up when they next load. */
export async function setLanguage(lang) {
  if (lang && Object.hasOwn(LANGUAGES, lang)) await api.storage.local.set({ [LANGUAGE_KEY]: lang });
  else await api.storage.local.remove(LANGUAGE_KEY);
}

/** Fills every `[data-i18n]` element's text and every `[data-i18n-attr="attr:key;..."]` attribute. */
export function localize(root = document) {
  document.documentElement.lang = uiLanguage();
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      if (attr && key) el.setAttribute(attr.trim(), t(key.trim()));
    }
  }
}

/** The `_locales` key of a reason code: `reason_` + the code with dots as underscores. */
export const reasonKey = (code) => `reason_${String(code).replace(/\./g, '_')}`;

/** One sentence that explains `reason` to a non-technical person; `{param}` slots are filled in.
 *  A reason whose `kind` has a message of its own (`reason_hosting_free__staging`) uses that one. */
/** Control and bidirectional-override characters: a file name like `Surat-Tilang\u202Efdp.apk`
 *  would otherwise render reversed ("…kpa.pdf"), and a control character can hide text. */
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
export const cleanText = (v) => String(v).replace(UNSAFE_CHARS, '');

export function explain(reason) {
  const params = Object.fromEntries(Object.entries(reason.params ?? {}).map(([k, v]) => [k, cleanText(v)]));
  if (params.category) params.category = t(`category_${params.category}`);
  const variant = /^[a-z_]+$/.test(params.kind ?? '') ? message(`${reasonKey(reason.code)}__${params.kind}`) : '';
  const template = variant || message(reasonKey(reason.code));
  if (!template) return t('reason_unknown').replace('{code}', reason.code);
  return template.replace(/\{([a-z_]+)\}/g, (whole, name) => (name in params ? params[name] : whole));
}

/** The list's age in words: "made today", "1 day old", "12 days old". */
export function ageText(days) {
  if (!Number.isInteger(days)) return '';
  if (days === 0) return t('list_age_today');
  if (days === 1) return t('list_age_one_day');
  return t('list_age_days').replace('{days}', String(days));
}

export function levelText(level) {
  return t(`level_${level}`);
}

/** Sends a typed message to the background; resolves with its result or rejects with its error. */
export async function send(msg) {
  const reply = await api.runtime.sendMessage(msg);
  if (!reply) throw new Error('no answer from the background');
  if (reply.error) throw new Error(reply.error);
  return reply.result;
}

/** A `<ul>` of explained reasons (points-free, in words). */
export function reasonList(reasons) {
  const ul = document.createElement('ul');
  ul.className = 'reasons';
  for (const r of reasons ?? []) {
    const li = document.createElement('li');
    li.textContent = explain(r);
    li.dataset.code = r.code;
    ul.append(li);
  }
  return ul;
}
