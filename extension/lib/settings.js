// The user's settings, kept in storage.local. Shape = the engine's `Settings` minus `use_blocklist`,
// plus `page_probe` (the extension's own: look at suspicious pages for sign-in forms; default on).
import { api } from './platform.js';
import { CATEGORIES, SENSITIVITIES } from './enums.js';

export { CATEGORIES };
export const DEFAULT_SETTINGS = Object.freeze({
  sensitivity: 'normal',
  trusted: [],
  protected: [],
  disabled_categories: [],
  page_probe: true,
});

/** At most this many trusted or protected sites (the options refuse more). */
export const SITES_MAX = 1000;
/** A host name as the options store it (ASCII, punycode for IDN) or an IPv4 address. */
const HOST = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,62})(?:\.[a-z0-9-]{1,63})*$/;

/** A clean copy of `s`, validated on every read: known fields only, lists de-duplicated,
 *  lower-cased, capped, and entries that are not host names dropped (a broken entry never
 *  disables protection or the other entries). */
export function normalizeSettings(s) {
  const list = (v, ok = (x) => HOST.test(x)) =>
    Array.isArray(v)
      ? [...new Set(v.slice(0, 10 * SITES_MAX).filter((x) => typeof x === 'string').map((x) => x.trim().toLowerCase().replace(/\.$/, '')).filter(ok))].slice(0, SITES_MAX)
      : [];
  const src = s && typeof s === 'object' ? s : {};
  return {
    sensitivity: SENSITIVITIES.includes(src.sensitivity) ? src.sensitivity : 'normal',
    trusted: list(src.trusted),
    protected: list(src.protected),
    disabled_categories: list(src.disabled_categories, (c) => CATEGORIES.includes(c)),
    page_probe: src.page_probe !== false,
  };
}

export async function loadSettings() {
  const { settings } = await api.storage.local.get('settings');
  return normalizeSettings(settings ?? DEFAULT_SETTINGS);
}

export async function saveSettings(settings) {
  const clean = normalizeSettings(settings);
  await api.storage.local.set({ settings: clean });
  return clean;
}

/** The settings object the wasm checker takes. */
export function engineSettings(settings) {
  const { page_probe: _probe, ...engine } = normalizeSettings(settings);
  return { ...engine, use_blocklist: true };
}
