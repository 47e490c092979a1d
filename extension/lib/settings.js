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

/** A clean copy of `s`: known fields only, lists de-duplicated and lower-cased. */
export function normalizeSettings(s) {
  const list = (v) =>
    Array.isArray(v)
      ? [...new Set(v.filter((x) => typeof x === 'string').map((x) => x.trim().toLowerCase()).filter(Boolean))]
      : [];
  const src = s && typeof s === 'object' ? s : {};
  return {
    sensitivity: SENSITIVITIES.includes(src.sensitivity) ? src.sensitivity : 'normal',
    trusted: list(src.trusted),
    protected: list(src.protected),
    disabled_categories: list(src.disabled_categories).filter((c) => CATEGORIES.includes(c)),
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
