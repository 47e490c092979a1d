// Localizes pages from _locales (the browser's language) and explains reasons in plain words.
import { api } from './platform.js';

export const t = (key, subs) => api.i18n.getMessage(key, subs) || key;

/** Fills every `[data-i18n]` element's text and every `[data-i18n-attr="attr:key;..."]` attribute. */
export function localize(root = document) {
  document.documentElement.lang = api.i18n.getUILanguage().split('-')[0] || 'en';
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
  const variant = /^[a-z_]+$/.test(params.kind ?? '') ? api.i18n.getMessage(`${reasonKey(reason.code)}__${params.kind}`) : '';
  const template = variant || api.i18n.getMessage(reasonKey(reason.code));
  if (!template) return t('reason_unknown').replace('{code}', reason.code);
  return template.replace(/\{([a-z_]+)\}/g, (whole, name) => (name in params ? params[name] : whole));
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
