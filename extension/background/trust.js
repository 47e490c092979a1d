// Trust: "Continue anyway" (this session), "Always trust this site", and every settings change.
import { api } from '../lib/platform.js';
import { getChecker, applySettings } from '../lib/engine.js';
import { loadSettings, saveSettings } from '../lib/settings.js';
import { syncRules, setSessionAllows, forgetDangerous } from './dnr.js';
import { allowedOnce, forgetPageVerdicts } from './verdicts.js';

export async function allowOnce(url) {
  const verdict = (await getChecker()).check(url);
  const host = verdict.host;
  if (!host) return { ok: false };
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

export async function trustSite(url) {
  const verdict = (await getChecker()).check(url);
  const site = verdict.registrable_domain ?? verdict.host;
  if (!site) throw new Error('this is not a site that can be trusted');
  const settings = await loadSettings();
  return updateSettings({ ...settings, trusted: [...settings.trusted, site] });
}

export async function untrustSite(site) {
  const settings = await loadSettings();
  return updateSettings({ ...settings, trusted: settings.trusted.filter((s) => s !== site) });
}
