// The toolbar badge: the level of what a tab shows.
import { api, platform } from '../lib/platform.js';

const BADGE = {
  safe: { text: '', color: '#1b7f3b' },
  suspicious: { text: '!', color: '#b35c00' },
  dangerous: { text: '!!', color: '#c62828' },
  blocked: { text: 'X', color: '#c62828' },
  invalid: { text: '', color: '#555555' },
};

export async function setBadge(tabId, level) {
  if (!platform.badge) return;
  const badge = BADGE[level] ?? BADGE.invalid;
  await api.action.setBadgeText({ tabId, text: badge.text });
  await api.action.setBadgeBackgroundColor({ tabId, color: badge.color });
  await api.action.setTitle({ tabId, title: `Waspada: ${api.i18n.getMessage(`level_${level}`) || level}` });
}
