// The platform, detected once (as uBlock Lite's ext.js): the WebExtension namespace and what this
// browser offers. Every other module asks here; none sniffs the browser itself. Optional APIs are
// feature-detected, so the extension starts where one is missing (Firefox for Android has no
// context menus, some builds no `downloads` or `scripting`; Firefox's build has no `browsingData`).

/** Firefox has `browser` (promises), Chrome has `chrome` (promises in MV3). */
export const api = globalThis.browser ?? globalThis.chrome;

const manifest = api?.runtime?.getManifest?.() ?? {};
const permissions = new Set(manifest.permissions ?? []);
const has = (fn) => typeof fn === 'function';

export const platform = Object.freeze({
  /** Firefox (a `moz-extension:` origin); otherwise Chrome or a Chromium browser. */
  firefox: String(api?.runtime?.getURL?.('') ?? '').startsWith('moz-extension:'),
  /** Firefox's blocking `webRequest`: a top-level request waits for our answer. */
  blockingWebRequest: has(api?.webRequest?.onBeforeRequest?.addListener) && permissions.has('webRequestBlocking'),
  /** Chrome's `declarativeNetRequest` with static rulesets. */
  dnr: has(api?.declarativeNetRequest?.updateDynamicRules) && Boolean(manifest.declarative_net_request),
  sessionRules: has(api?.declarativeNetRequest?.updateSessionRules),
  webNavigation: has(api?.webNavigation?.onBeforeNavigate?.addListener),
  scripting: has(api?.scripting?.executeScript),
  contextMenus: has(api?.contextMenus?.create),
  downloads: has(api?.downloads?.onCreated?.addListener) && has(api?.downloads?.cancel),
  /** Chrome: a download waits for `onDeterminingFilename` listeners before its file is kept. */
  downloadsFilename: has(api?.downloads?.onDeterminingFilename?.addListener),
  badge: has(api?.action?.setBadgeText),
  /** Chrome: a stopped site's service workers and Cache Storage can be removed (background/sitedata.js). */
  browsingData: has(api?.browsingData?.remove) && permissions.has('browsingData'),
  sessionStorage: has(api?.storage?.session?.get),
});

/** The page a user gets when "Back to safety" has no page to go back to. */
export const blankPage = () => (platform.firefox ? 'about:blank' : 'chrome://newtab/');
