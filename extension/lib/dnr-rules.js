// The one place where declarativeNetRequest rules get their shape: the static list rules compiled
// by tools/build.mjs and the dynamic and session rules the background adds. Pure data, no browser
// API, so the build (Node) and the background share it.

/** Rule id ranges. Static rulesets count from 1 per file; session rules: allow rules for
 *  "Continue anyway" below REDIRECT_ID_BASE, redirects of pages found dangerous from it. */
export const REDIRECT_ID_BASE = 10000;
/** At most this many session redirects (oldest dropped first). */
export const REDIRECTS_MAX = 200;
export const ALLOW_PRIORITY = 100;
const LIST_PRIORITY = 1;

/** What Chrome accepts in `requestDomains`: lower-case ASCII names and IPv4 literals. */
export const DNR_DOMAIN = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,62})(?:\.[a-z0-9_-]{1,63})*\.?$/;

export const escapeRegex = (s) => s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

/** Top-level navigations to `requestDomains` (and their subdomains), or only the URLs matching
 *  `regexFilter`, go to the warning page with the full URL in the fragment. */
export function redirectRule(id, warningPageUrl, requestDomains, regexFilter = '^.+$') {
  // Without the extension's origin (a store build, whose id the store assigns): the warning page by
  // its path inside the extension, which works under any id (the page then has no blocked address).
  const redirect = warningPageUrl
    ? { regexSubstitution: `${warningPageUrl}#\\0` }
    : { extensionPath: '/pages/warning.html' };
  return {
    id,
    priority: LIST_PRIORITY,
    action: { type: 'redirect', redirect },
    condition: { ...(warningPageUrl ? { regexFilter } : {}), requestDomains, resourceTypes: ['main_frame'] },
  };
}

/** Frames of `requestDomains` are not loaded. */
export function frameBlockRule(id, requestDomains) {
  return { id, priority: LIST_PRIORITY, action: { type: 'block' }, condition: { requestDomains, resourceTypes: ['sub_frame'] } };
}

/** Top-level navigations to `domain` (`exact`: that host only, not its subdomains) are let
 *  through (trusted, or "Continue anyway"). */
export function allowRule(id, domain, { exact = false } = {}) {
  const condition = { requestDomains: [domain], resourceTypes: ['main_frame'] };
  if (exact) condition.regexFilter = `^[a-z]+://${escapeRegex(domain)}(:[0-9]+)?([/?#]|$)`;
  return { id, priority: ALLOW_PRIORITY, action: { type: 'allow' }, condition };
}

/** Dynamic rule id of the trailing-dot rule (above the trusted sites' allow rules). */
export const TRAILING_DOT_ID = 50000;

/** `http://listed.example./` names the same host as `http://listed.example/`, but
 *  `requestDomains` compares names as written: such addresses are sent to their dotless form
 *  (before any request), which every other rule and the heuristics then see. Above the allow
 *  rules: a trusted site's dotless address is still allowed. */
export function trailingDotRule(id = TRAILING_DOT_ID) {
  return {
    id,
    priority: ALLOW_PRIORITY + 1,
    action: { type: 'redirect', redirect: { regexSubstitution: '\\1\\2' } },
    condition: { regexFilter: '^(https?://[^/?#]*[^/?#:.])\\.((:[0-9]+)?([/?#].*)?)$', resourceTypes: ['main_frame', 'sub_frame'] },
  };
}

/** True if `rule` (a session redirect) already covers `host`, whole or for `regexFilter`. */
export const redirectCovers = (rule, host, regexFilter) =>
  rule.condition.requestDomains?.[0] === host && (rule.condition.regexFilter === '^.+$' || rule.condition.regexFilter === regexFilter);

/** The ruleset id of a category's static rules (`rules/<category>.json`). */
export const rulesetId = (category) => `list_${category}`;
