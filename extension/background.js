// Waspada's background: a service worker in Chrome, an event page in Firefox (same file).
// Every listener is registered synchronously at the top level so the browser can wake us for it.
import { api } from './lib/api.js';
import { validate } from './lib/messages.js';
import { getChecker, applySettings } from './lib/engine.js';
import { loadSettings, saveSettings } from './lib/settings.js';
import { collectPageFacts, cleanFacts } from './lib/probe.js';

const WARNING_PAGE = api.runtime.getURL('pages/warning.html');
const OWN_ORIGIN = api.runtime.getURL('');
const MENU_ID = 'waspada-check-link';
const ALLOW_PRIORITY = 100;
// Chrome session rules: "Continue anyway" allow rules below this id, redirects of hosts the
// heuristics found dangerous from it (at most REDIRECTS_MAX, oldest dropped first).
const REDIRECT_ID_BASE = 10000;
const REDIRECTS_MAX = 200;
// The page probe waits this long for a login form to appear, and reads this much page text.
const PROBE_WAIT_MS = 15000;
const PROBE_TEXT_MAX = 4096;
// Verdicts that include what the page itself showed, kept for the session (newest last).
const PAGE_VERDICTS_MAX = 20;

const isWeb = (url) => typeof url === 'string' && /^https?:\/\//i.test(url);
export const warningUrl = (url) => `${WARNING_PAGE}#${url}`;

/** The URL a tab is really about: the blocked URL when it shows our warning page. */
function subjectOf(url) {
  if (typeof url !== 'string') return null;
  if (url.startsWith(WARNING_PAGE)) {
    const hash = url.indexOf('#');
    return hash >= 0 ? url.slice(hash + 1) : null;
  }
  return url;
}

// ---- session allowances ("Continue anyway") -------------------------------------------------
async function allowedOnce() {
  const { allowed } = await api.storage.session.get('allowed');
  return Array.isArray(allowed) ? allowed : [];
}

async function allowOnce(url) {
  const checker = await getChecker();
  const verdict = checker.check(url);
  const host = verdict.host;
  if (!host) return { ok: false };
  const allowed = await allowedOnce();
  if (!allowed.includes(host)) allowed.push(host);
  await api.storage.session.set({ allowed });
  if (api.declarativeNetRequest?.updateSessionRules) {
    const existing = await api.declarativeNetRequest.getSessionRules();
    await api.declarativeNetRequest.updateSessionRules({
      removeRuleIds: existing.filter((r) => r.id < REDIRECT_ID_BASE).map((r) => r.id),
      addRules: allowed.map((h, i) => allowRule(i + 1, h)),
    });
  }
  return { ok: true, host };
}

function allowRule(id, domain) {
  return {
    id,
    priority: ALLOW_PRIORITY,
    action: { type: 'allow' },
    condition: { requestDomains: [domain], resourceTypes: ['main_frame'] },
  };
}

// ---- settings -> engine and static rules ----------------------------------------------------
async function syncRules(settings) {
  const dnr = api.declarativeNetRequest;
  const resources = api.runtime.getManifest().declarative_net_request?.rule_resources ?? [];
  if (!dnr || resources.length === 0) return;
  const existing = await dnr.getDynamicRules();
  await dnr.updateDynamicRules({
    removeRuleIds: existing.map((r) => r.id),
    addRules: settings.trusted.filter((d) => /^[a-z0-9.-]+$/.test(d)).map((d, i) => allowRule(i + 1, d)),
  });
  const off = new Set(settings.disabled_categories.map((c) => `list_${c}`));
  const ids = resources.map((r) => r.id);
  await dnr.updateEnabledRulesets({
    enableRulesetIds: ids.filter((id) => !off.has(id)),
    disableRulesetIds: ids.filter((id) => off.has(id)),
  });
}

async function updateSettings(next) {
  await api.storage.session.remove('pageVerdicts');
  await forgetDangerousHosts();
  const saved = await saveSettings(next);
  await applySettings(saved);
  await syncRules(saved);
  return saved;
}

// ---- page verdicts ------------------------------------------------------------------------
// A page the address made suspicious is probed; if what it shows makes it dangerous, that verdict
// (with the page's reasons) is what the warning page, the popup and the badge show for the URL.
async function pageVerdicts() {
  const { pageVerdicts: list } = await api.storage.session.get('pageVerdicts');
  return Array.isArray(list) ? list : [];
}

async function pageVerdictFor(url) {
  return (await pageVerdicts()).find((e) => e.url === url)?.verdict ?? null;
}

async function rememberPageVerdict(url, verdict) {
  const list = (await pageVerdicts()).filter((e) => e.url !== url);
  list.push({ url, verdict });
  await api.storage.session.set({ pageVerdicts: list.slice(-PAGE_VERDICTS_MAX) });
}

/** The verdict for a URL: the page's if its page was probed, else the address's. */
async function verdictOf(url) {
  return (await pageVerdictFor(url)) ?? (await getChecker()).check(url);
}

const probing = new Map();
/** Looks at the page a tab shows (its address is suspicious, or it is a user's page on an abused
 *  hosting platform) and warns if the page asks for a password, PIN or card in a protected
 *  brand's name (on a suspicious address, a credential form alone counts too). */
async function probePage(tabId, url) {
  if (!api.scripting?.executeScript || probing.get(tabId) === url) return;
  if (!(await loadSettings()).page_probe) return;
  probing.set(tabId, url);
  try {
    // Should the page go away without the browser settling the call, give up a little later.
    const gaveUp = new Promise((resolve) => setTimeout(() => resolve([]), PROBE_WAIT_MS + 5000));
    const [injection] = await Promise.race([
      api.scripting.executeScript({
        target: { tabId, frameIds: [0] },
        func: collectPageFacts,
        args: [PROBE_WAIT_MS, PROBE_TEXT_MAX],
      }),
      gaveUp,
    ]);
    const tab = await api.tabs.get(tabId);
    if (!injection || tab.url !== url) return;
    const verdict = (await getChecker()).checkPage(url, cleanFacts(injection.result, PROBE_TEXT_MAX));
    if (!verdict.reasons.some((r) => r.code.startsWith('page.'))) return;
    await rememberPageVerdict(url, verdict);
    await showBadge(tabId, url);
  } catch (err) {
    // A page that closed or navigated away meanwhile, or one the browser does not let us read.
    console.info('[waspada] page probe skipped:', String(err?.message ?? err));
  } finally {
    if (probing.get(tabId) === url) probing.delete(tabId);
  }
}

// ---- deciding ------------------------------------------------------------------------------
/** Returns the verdict for `url` and whether the navigation must be replaced by the warning page. */
async function decide(url) {
  const verdict = await verdictOf(url);
  const warns = verdict.verdict === 'dangerous' || verdict.verdict === 'blocked';
  if (!warns) return { verdict, redirect: false };
  const allowed = await allowedOnce();
  return { verdict, redirect: !(verdict.host && allowed.includes(verdict.host)) };
}

// A tab sent to the warning page for a URL is not sent again for the same URL within a few seconds
// (the navigation listener and the tab listener can both see the same navigation).
const recentRedirects = new Map();
async function redirectTab(tabId, url) {
  if (recentRedirects.get(tabId) === url) return;
  recentRedirects.set(tabId, url);
  setTimeout(() => {
    if (recentRedirects.get(tabId) === url) recentRedirects.delete(tabId);
  }, 5000);
  await api.tabs.update(tabId, { url: warningUrl(url) });
}

// Chrome: the heuristics answer after the navigation has started, so the first visit to a host they
// find dangerous can begin loading before the tab is sent to the warning page. Every later visit in
// this browser session is redirected by a session rule, like a listed host: no race.
const sessionRedirects = () => !blockingWebRequest && Boolean(api.declarativeNetRequest?.updateSessionRules);

const escapeRegex = (s) => s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

/** `url` was found dangerous: redirect the whole host for the rest of the session when the site
 *  itself is dangerous, else (a page the probe stopped) just that address. */
async function rememberDangerous(verdict, url) {
  const host = verdict.host;
  if (!sessionRedirects() || !host || !/^[a-z0-9.-]+$/.test(host)) return;
  // The whole host only when the site itself warns, not one address on it (a kit page on a hacked site).
  const site = (await getChecker()).check(`http://${host}/`).verdict === 'dangerous';
  const address = url.split('#')[0];
  if (!site && (!verdict.reasons.some((r) => r.code.startsWith('page.')) || address.length > 1000)) return;
  const condition = site
    ? { regexFilter: '^.+$', requestDomains: [host], resourceTypes: ['main_frame'] }
    : { regexFilter: `^${escapeRegex(address)}$`, requestDomains: [host], resourceTypes: ['main_frame'] };
  const dnr = api.declarativeNetRequest;
  const mine = (await dnr.getSessionRules()).filter((r) => r.id >= REDIRECT_ID_BASE).sort((a, b) => a.id - b.id);
  if (mine.some((r) => r.condition.requestDomains?.[0] === host && (r.condition.regexFilter === '^.+$' || r.condition.regexFilter === condition.regexFilter))) return;
  const id = (mine.at(-1)?.id ?? REDIRECT_ID_BASE - 1) + 1;
  await dnr.updateSessionRules({
    removeRuleIds: mine.slice(0, Math.max(0, mine.length - REDIRECTS_MAX + 1)).map((r) => r.id),
    addRules: [{ id, priority: 1, action: { type: 'redirect', redirect: { regexSubstitution: `${WARNING_PAGE}#\\0` } }, condition }],
  });
}

async function forgetDangerousHosts() {
  if (!sessionRedirects()) return;
  const dnr = api.declarativeNetRequest;
  const mine = (await dnr.getSessionRules()).filter((r) => r.id >= REDIRECT_ID_BASE);
  if (mine.length) await dnr.updateSessionRules({ removeRuleIds: mine.map((r) => r.id) });
}

/** True if Chrome's static rules already redirect this (a listed host of an enabled category). */
async function staticRulesCover(verdict) {
  const hit = verdict.reasons.find((r) => r.code === 'list.blocked' && r.params?.kind === 'host');
  if (verdict.verdict !== 'blocked' || !hit || !/^[a-z0-9.-]+$/.test(verdict.host ?? '')) return false;
  const enabled = await api.declarativeNetRequest.getEnabledRulesets();
  return enabled.includes(`list_${hit.params.category}`);
}

// Firefox: a blocking webRequest listener holds the top-level request until the wasm has answered.
const blockingWebRequest =
  api.webRequest?.onBeforeRequest && api.runtime.getManifest().permissions?.includes('webRequestBlocking');
if (blockingWebRequest) {
  api.webRequest.onBeforeRequest.addListener(
    async (details) => {
      if (!isWeb(details.url)) return {};
      try {
        const { redirect } = await decide(details.url);
        return redirect ? { redirectUrl: warningUrl(details.url) } : {};
      } catch (err) {
        console.error('[waspada] check failed', err);
        return {};
      }
    },
    { urls: ['http://*/*', 'https://*/*'], types: ['main_frame'] },
    ['blocking'],
  );
} else if (api.webNavigation?.onBeforeNavigate) {
  // Chrome: list hosts are redirected by static declarativeNetRequest rules before any request;
  // heuristic verdicts (and list URLs/paths) are caught here and the tab is sent to the warning page.
  api.webNavigation.onBeforeNavigate.addListener(async (details) => {
    if (details.frameId !== 0 || !isWeb(details.url)) return;
    try {
      const { verdict, redirect } = await decide(details.url);
      if (redirect && !(await staticRulesCover(verdict))) {
        await redirectTab(details.tabId, details.url);
        await rememberDangerous(verdict, details.url);
      }
    } catch (err) {
      console.error('[waspada] check failed', err);
    }
  });
}

// ---- toolbar badge -------------------------------------------------------------------------
const BADGE = {
  safe: { text: '', color: '#1b7f3b' },
  suspicious: { text: '!', color: '#b35c00' },
  dangerous: { text: '!!', color: '#c62828' },
  blocked: { text: 'X', color: '#c62828' },
  invalid: { text: '', color: '#555555' },
};

async function showBadge(tabId, url, loaded = false) {
  const subject = subjectOf(url);
  let level = 'invalid';
  if (subject && isWeb(subject)) {
    try {
      const { verdict, redirect } = await decide(subject);
      level = verdict.verdict;
      // A dangerous page the navigation listener did not see (e.g. right after the browser or the
      // worker started, before its listener was live), or one its page probe found: replace it now.
      if (redirect && subject === url) {
        await redirectTab(tabId, url);
        if (verdict.verdict === 'dangerous') await rememberDangerous(verdict, url);
      }
      if (loaded && subject === url && (await getChecker()).pageCheckApplies(verdict)) probePage(tabId, url);
    } catch (err) {
      console.error('[waspada] badge check failed', err);
    }
  }
  const badge = BADGE[level] ?? BADGE.invalid;
  await api.action.setBadgeText({ tabId, text: badge.text });
  await api.action.setBadgeBackgroundColor({ tabId, color: badge.color });
  await api.action.setTitle({ tabId, title: `Waspada: ${api.i18n.getMessage(`level_${level}`) || level}` });
}

api.tabs.onUpdated.addListener((tabId, changeInfo, tab) => {
  if (changeInfo.url || changeInfo.status === 'complete') {
    showBadge(tabId, changeInfo.url ?? tab.url, changeInfo.status === 'complete').catch(() => {});
  }
});

// ---- context menu --------------------------------------------------------------------------
async function createMenu() {
  await api.contextMenus.removeAll();
  api.contextMenus.create({ id: MENU_ID, title: api.i18n.getMessage('menu_check_link'), contexts: ['link'] }, () => {
    if (api.runtime.lastError) console.error('[waspada] context menu', api.runtime.lastError.message);
  });
}
/** Checks every open tab (badge, and the warning page for dangerous ones): pages opened before
 *  the background's listeners were live, at install or browser start, are not missed. */
async function scanTabs() {
  const tabs = await api.tabs.query({});
  await Promise.all(
    tabs.map((t) => {
      const url = t.pendingUrl ?? t.url;
      return Number.isInteger(t.id) && url ? showBadge(t.id, url, t.status === 'complete').catch(() => {}) : null;
    }),
  );
}
api.runtime.onInstalled.addListener(async () => {
  await createMenu().catch((err) => console.error('[waspada] context menu', err));
  await syncRules(await loadSettings());
  await scanTabs();
});
api.runtime.onStartup?.addListener(() => {
  scanTabs().catch(() => {});
});

export async function openLinkCheck(linkUrl, tab) {
  const url = `${api.runtime.getURL('pages/popup.html')}?link=${encodeURIComponent(linkUrl)}`;
  const props = { url };
  if (tab && Number.isInteger(tab.index)) props.index = tab.index + 1;
  return api.tabs.create(props);
}
api.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId === MENU_ID && typeof info.linkUrl === 'string') openLinkCheck(info.linkUrl, tab);
});

// ---- messages ------------------------------------------------------------------------------
async function handle(msg) {
  switch (msg.type) {
    case 'check':
      return verdictOf(msg.url);
    case 'tabVerdict': {
      const tab = await api.tabs.get(msg.tabId);
      const url = subjectOf(tab.url ?? tab.pendingUrl);
      if (!url) return { url: null, verdict: null };
      return { url, verdict: isWeb(url) ? await verdictOf(url) : null };
    }
    case 'listInfo':
      return (await getChecker()).info();
    case 'getSettings':
      return loadSettings();
    case 'setSettings':
      return updateSettings(msg.settings);
    case 'allowOnce':
      return allowOnce(msg.url);
    case 'trustSite': {
      const verdict = (await getChecker()).check(msg.url);
      const site = verdict.registrable_domain ?? verdict.host;
      if (!site) throw new Error('this is not a site that can be trusted');
      const settings = await loadSettings();
      return updateSettings({ ...settings, trusted: [...settings.trusted, site] });
    }
    case 'untrustSite': {
      const settings = await loadSettings();
      return updateSettings({ ...settings, trusted: settings.trusted.filter((s) => s !== msg.site) });
    }
    default:
      throw new Error(`unhandled message ${msg.type}`);
  }
}

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  const fromOwnPage = sender.id === api.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(OWN_ORIGIN);
  const problem = validate(msg, fromOwnPage);
  if (problem) {
    sendResponse({ error: problem });
    return false;
  }
  handle(msg).then(
    (result) => sendResponse({ result }),
    (err) => sendResponse({ error: String(err?.message ?? err) }),
  );
  return true;
});

// Test hook used by the end-to-end tests to drive the context-menu handler (no UI can click a native menu).
globalThis.waspada = { openLinkCheck, getChecker, MENU_ID };
