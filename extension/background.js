// Waspada's background: a service worker in Chrome, an event page in Firefox (same file).
// Every listener is registered synchronously at the top level of the modules below (imported
// statically, evaluated before this one) so the browser can wake us for it.
//   background/navigation.js  checking navigations, the warning page, the badge's level
//   background/dnr.js         Chrome's declarativeNetRequest bookkeeping
//   background/probe.js       the page probe        background/badge.js  the toolbar badge
//   background/menu.js        the context menu      background/messages.js  the message table
//   background/downloads.js   dangerous downloads stopped before the file is kept
//   background/session.js     storage.session values several checks change at once, one change at a time
import { api } from './lib/platform.js';
import { getChecker } from './lib/engine.js';
import { loadSettings } from './lib/settings.js';
import { scanTabs } from './background/navigation.js';
import { syncRules } from './background/dnr.js';
import { createMenu, openLinkCheck, MENU_ID } from './background/menu.js';
import './background/messages.js';
import './background/downloads.js';

api.runtime.onInstalled.addListener(async () => {
  await createMenu().catch((err) => console.error('[waspada] context menu', err));
  await syncRules(await loadSettings());
  await scanTabs();
});
api.runtime.onStartup?.addListener(() => {
  scanTabs().catch(() => {});
});

// Test hook used by the end-to-end tests to drive the context-menu handler (no UI can click a native menu).
globalThis.waspada = { openLinkCheck, getChecker, MENU_ID };
