// A minimal in-memory WebExtension API for loading the built background in Node (unit tests):
// storage, tabs, action, i18n, runtime messaging, and optionally the APIs a browser may lack.
// `load(dir, {omit})` copies the built extension to a fresh directory (a fresh module graph), installs
// the fake `chrome` and a `fetch` that serves the extension's files, and imports background.js.
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ORIGIN = 'chrome-extension://fakeid/';
const event = () => {
  const listeners = [];
  return { listeners, addListener: (f) => listeners.push(f), removeListener: () => {}, hasListener: () => listeners.length > 0 };
};
const area = () => {
  const data = {};
  return {
    data,
    async get(key) {
      if (key === undefined || key === null) return structuredClone(data);
      const keys = typeof key === 'string' ? [key] : Array.isArray(key) ? key : Object.keys(key);
      return Object.fromEntries(keys.filter((k) => k in data).map((k) => [k, structuredClone(data[k])]));
    },
    async set(items) {
      Object.assign(data, structuredClone(items));
    },
    async remove(key) {
      for (const k of [key].flat()) delete data[k];
    },
  };
};

/** Loads the built extension `dist` (e.g. dist/chrome) with the fake API; `omit`: API names to leave out
 *  (`contextMenus`, `scripting`, `declarativeNetRequest`, `webNavigation`, `downloads`, `action`,
 *  `browsingData`).
 *  `files`: {path: bytes} overrides of the extension's files (a broken list). */
export async function loadBackground(dist, { omit = [], files = {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'waspada-bg-'));
  cpSync(dist, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const en = JSON.parse(readFileSync(join(dir, '_locales', 'en', 'messages.json'), 'utf8'));
  const tabs = new Map();
  const badges = new Map();
  const calls = [];
  const sessionRules = [];
  let dynamicRules = [];
  const chrome = {
    runtime: {
      id: 'fakeid',
      getURL: (p) => ORIGIN + p.replace(/^\//, ''),
      getManifest: () => manifest,
      onMessage: event(),
      onInstalled: event(),
      onStartup: event(),
      lastError: undefined,
    },
    storage: { local: area(), session: area() },
    i18n: { getMessage: (k) => en[k]?.message ?? '', getUILanguage: () => 'en' },
    tabs: {
      onUpdated: event(),
      onRemoved: event(),
      get: async (id) => tabs.get(id) ?? Promise.reject(new Error('no tab')),
      query: async () => [...tabs.values()],
      update: async (id, props) => {
        calls.push(['tabs.update', id, props]);
        tabs.set(id, { ...(tabs.get(id) ?? { id }), ...props });
      },
      create: async (props) => calls.push(['tabs.create', props]),
    },
    action: {
      setBadgeText: async ({ tabId, text }) => badges.set(tabId, { ...badges.get(tabId), text }),
      setBadgeBackgroundColor: async ({ tabId, color }) => badges.set(tabId, { ...badges.get(tabId), color }),
      setTitle: async ({ tabId, title }) => badges.set(tabId, { ...badges.get(tabId), title }),
    },
    contextMenus: { create: (props, cb) => (calls.push(['contextMenus.create', props]), cb?.()), removeAll: async () => {}, onClicked: event() },
    scripting: { executeScript: async () => [] },
    webNavigation: { onBeforeNavigate: event(), onCommitted: event() },
    declarativeNetRequest: {
      getDynamicRules: async () => dynamicRules,
      updateDynamicRules: async ({ removeRuleIds = [], addRules = [] }) => {
        dynamicRules = [...dynamicRules.filter((r) => !removeRuleIds.includes(r.id)), ...addRules];
      },
      getSessionRules: async () => [...sessionRules],
      updateSessionRules: async ({ removeRuleIds = [], addRules = [] }) => {
        const keep = sessionRules.filter((r) => !removeRuleIds.includes(r.id));
        sessionRules.splice(0, sessionRules.length, ...keep, ...addRules);
      },
      getEnabledRulesets: async () => (manifest.declarative_net_request?.rule_resources ?? []).map((r) => r.id),
      updateEnabledRulesets: async () => {},
    },
    downloads: {
      onCreated: event(),
      onChanged: event(),
      onDeterminingFilename: event(),
      pause: async () => {},
      resume: async () => {},
      cancel: async (id) => calls.push(['downloads.cancel', id]),
      removeFile: async (id) => calls.push(['downloads.removeFile', id]),
      download: async (opts) => calls.push(['downloads.download', opts]),
      search: async () => [],
    },
    webRequest: { onBeforeRequest: event() },
    browsingData: { remove: async (options, dataToRemove) => calls.push(['browsingData.remove', structuredClone(options), structuredClone(dataToRemove)]) },
  };
  for (const name of omit) delete chrome[name];
  globalThis.chrome = chrome;
  delete globalThis.browser;
  globalThis.fetch = async (url) => {
    const path = String(url).startsWith(ORIGIN) ? String(url).slice(ORIGIN.length) : null;
    if (path === null) throw new Error(`the background fetched ${url}`);
    const bytes = files[path] ?? readFileSync(join(dir, path));
    const type = path.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream';
    return new Response(bytes, { status: 200, headers: { 'content-type': type } });
  };
  const mod = await import(pathToFileURL(join(dir, 'background.js')).href);
  /** Sends a message as `sender` would and resolves with the reply. */
  const send = (msg, sender = { id: 'fakeid', url: `${ORIGIN}pages/popup.html` }) =>
    new Promise((resolve) => {
      const l = chrome.runtime.onMessage.listeners[0];
      if (l(msg, sender, resolve) !== true) void 0;
    });
  const imp = (p) => import(pathToFileURL(join(dir, p)).href);
  return { chrome, mod, dir, tabs, badges, calls, sessionRules, send, imp, ORIGIN, fire: async (ev, ...args) => Promise.all(ev.listeners.map((f) => f(...args))) };
}
