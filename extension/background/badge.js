// The toolbar badge: the level of what a tab shows, and whether protection is degraded.
import { api, platform } from '../lib/platform.js';
import { currentStatus } from './status.js';

const BADGE = {
  safe: { text: '', color: '#1b7f3b' },
  suspicious: { text: '!', color: '#b35c00' },
  dangerous: { text: '!!', color: '#c62828' },
  blocked: { text: 'X', color: '#c62828' },
  invalid: { text: '', color: '#555555' },
};
// Protection is off (the core did not load) or limited (no list, or no access to sites): a page
// that looks fine must not look "checked and safe".
const OFF = { text: 'OFF', color: '#555555' };
const LIMITED = { text: '?', color: '#8d6e00' };

export async function setBadge(tabId, level) {
  if (!platform.badge) return;
  const status = await currentStatus();
  const quiet = level === 'safe' || level === 'invalid';
  let badge = BADGE[level] ?? BADGE.invalid;
  let title = `Waspada: ${api.i18n.getMessage(`level_${level}`) || level}`;
  if (status.engine !== 'ok') {
    badge = OFF;
    title = `Waspada: ${api.i18n.getMessage('status_engine_failed')}`;
  } else if (status.degraded && quiet) {
    badge = LIMITED;
    title = `Waspada: ${api.i18n.getMessage(status.hostAccess ? 'status_list_failed' : 'status_no_host_access')}`;
  }
  await api.action.setBadgeText({ tabId, text: badge.text });
  await api.action.setBadgeBackgroundColor({ tabId, color: badge.color });
  await api.action.setTitle({ tabId, title });
}
