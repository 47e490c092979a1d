// The context menu: "Check this link with Waspada" on links (where the browser has context menus).
import { api, platform } from '../lib/platform.js';

export const MENU_ID = 'waspada-check-link';

export async function createMenu() {
  if (!platform.contextMenus) return;
  await api.contextMenus.removeAll();
  api.contextMenus.create({ id: MENU_ID, title: api.i18n.getMessage('menu_check_link'), contexts: ['link'] }, () => {
    if (api.runtime.lastError) console.error('[waspada] context menu', api.runtime.lastError.message);
  });
}

export async function openLinkCheck(linkUrl, tab) {
  const url = `${api.runtime.getURL('pages/popup.html')}?link=${encodeURIComponent(linkUrl)}`;
  const props = { url };
  if (tab && Number.isInteger(tab.index)) props.index = tab.index + 1;
  return api.tabs.create(props);
}

if (platform.contextMenus) {
  api.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === MENU_ID && typeof info.linkUrl === 'string') openLinkCheck(info.linkUrl, tab);
  });
}
