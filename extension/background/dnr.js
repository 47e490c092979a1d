// Chrome's declarativeNetRequest bookkeeping: the static rulesets switched with the categories,
// dynamic allow rules for trusted sites, session allow rules for "Continue anyway" and session
// redirects for pages the heuristics found dangerous. A no-op where the API is absent (Firefox).
import { api, platform } from '../lib/platform.js';
import { allowRule, trailingDotRule, redirectRule, redirectCovers, escapeRegex, rulesetId, REDIRECT_ID_BASE, REDIRECTS_MAX } from '../lib/dnr-rules.js';
import { getChecker } from '../lib/engine.js';
import { WARNING_PAGE } from './urls.js';
import { pageAddress } from './verdicts.js';

const dnr = () => api.declarativeNetRequest;
const expressible = (host) => /^[a-z0-9.-]+$/.test(host ?? '');

/** Trusted sites get dynamic allow rules; disabled categories' rulesets are switched off. */
export async function syncRules(settings) {
  const resources = api.runtime.getManifest().declarative_net_request?.rule_resources ?? [];
  if (!platform.dnr || resources.length === 0) return;
  const existing = await dnr().getDynamicRules();
  await dnr().updateDynamicRules({
    removeRuleIds: existing.map((r) => r.id),
    addRules: [...settings.trusted.filter(expressible).map((d, i) => allowRule(i + 1, d)), trailingDotRule()],
  });
  const off = new Set(settings.disabled_categories.map(rulesetId));
  const ids = resources.map((r) => r.id);
  await dnr().updateEnabledRulesets({
    enableRulesetIds: ids.filter((id) => !off.has(id)),
    disableRulesetIds: ids.filter((id) => off.has(id)),
  });
}

/** "Continue anyway": the session's allowed hosts get session allow rules (ids below the redirects). */
export async function setSessionAllows(hosts) {
  if (!platform.sessionRules) return;
  const existing = await dnr().getSessionRules();
  await dnr().updateSessionRules({
    removeRuleIds: existing.filter((r) => r.id < REDIRECT_ID_BASE).map((r) => r.id),
    addRules: hosts.filter(expressible).map((h, i) => allowRule(i + 1, h, { exact: true })),
  });
}

// Chrome: the heuristics answer after the navigation has started, so the first visit to a host they
// find dangerous can begin loading before the tab is sent to the warning page. Every later visit in
// this browser session is redirected by a session rule, like a listed host: no race.
const sessionRedirects = () => !platform.blockingWebRequest && platform.sessionRules;

/** The session redirect's filter for one address (`pageAddress`) and any query or fragment. */
const addressFilter = (address) => `^${escapeRegex(address)}([?#].*)?$`;

/** `url` was found dangerous: redirect the whole host for the rest of the session when the site
 *  itself is dangerous, else (a page the probe stopped) just that address. */
export async function rememberDangerous(verdict, url) {
  const host = verdict.host;
  if (!sessionRedirects() || !host || !expressible(host)) return;
  // The whole host only when the site itself warns, not one address on it (a kit page on a hacked site).
  const site = (await getChecker()).check(`http://${host}/`).verdict === 'dangerous';
  // The address without its query: a token per victim in the query still hits the rule.
  const address = pageAddress(url);
  if (!site && (!verdict.reasons.some((r) => r.code.startsWith('page.')) || address.length > 1000)) return;
  const regexFilter = site ? '^.+$' : addressFilter(address);
  const mine = (await dnr().getSessionRules()).filter((r) => r.id >= REDIRECT_ID_BASE).sort((a, b) => a.id - b.id);
  if (mine.some((r) => redirectCovers(r, host, regexFilter))) return;
  const id = (mine.at(-1)?.id ?? REDIRECT_ID_BASE - 1) + 1;
  await dnr().updateSessionRules({
    removeRuleIds: mine.slice(0, Math.max(0, mine.length - REDIRECTS_MAX + 1)).map((r) => r.id),
    addRules: [redirectRule(id, WARNING_PAGE, [host], regexFilter)],
  });
}

/** True if one of this session's redirects (`rememberDangerous`) already sends `url`, found
 *  dangerous in `verdict`, to the warning page before its request: the tab needs no second
 *  redirect (which, coming from a worker just woken, can land after the user has moved on). */
export async function sessionRulesCover(verdict, url) {
  if (!sessionRedirects() || !verdict?.host || !expressible(verdict.host)) return false;
  const regexFilter = addressFilter(pageAddress(url));
  return (await dnr().getSessionRules()).some((r) => r.id >= REDIRECT_ID_BASE && redirectCovers(r, verdict.host, regexFilter));
}

/** Drops the session redirects (the settings changed: what was dangerous may not be any more). */
export async function forgetDangerous() {
  if (!sessionRedirects()) return;
  const mine = (await dnr().getSessionRules()).filter((r) => r.id >= REDIRECT_ID_BASE);
  if (mine.length) await dnr().updateSessionRules({ removeRuleIds: mine.map((r) => r.id) });
}

/** True if Chrome's static rules already redirect this (a listed host of an enabled category). */
export async function staticRulesCover(verdict) {
  if (!platform.dnr) return false;
  const hit = verdict.reasons.find((r) => r.code === 'list.blocked' && r.params?.kind === 'host');
  if (verdict.verdict !== 'blocked' || !hit || !expressible(verdict.host)) return false;
  const enabled = await dnr().getEnabledRulesets();
  return enabled.includes(rulesetId(hit.params.category));
}
