// What the background decided: the verdict for a URL (the page's, if the probe looked at it) and
// whether a navigation to it is replaced by the warning page.
import { api } from '../lib/platform.js';
import { getChecker } from '../lib/engine.js';
import { WARNS } from '../lib/enums.js';

// Verdicts that include what the page itself showed, kept for the session (newest last).
const PAGE_VERDICTS_MAX = 20;

async function pageVerdicts() {
  const { pageVerdicts: list } = await api.storage.session.get('pageVerdicts');
  return Array.isArray(list) ? list : [];
}

export async function rememberPageVerdict(url, verdict) {
  const list = (await pageVerdicts()).filter((e) => e.url !== url);
  list.push({ url, verdict });
  await api.storage.session.set({ pageVerdicts: list.slice(-PAGE_VERDICTS_MAX) });
}

export const forgetPageVerdicts = () => api.storage.session.remove('pageVerdicts');

/** `url` without its query and fragment: a kit's page is the same page whatever token per
 *  victim (`?id=…`) its links carry. */
export const pageAddress = (url) => String(url).split(/[?#]/)[0];

/** The verdict for a URL: the page's if its page was probed (the same address with another
 *  query counts), else the address's. */
export async function verdictOf(url) {
  const list = await pageVerdicts();
  const page = (list.find((e) => e.url === url) ?? list.find((e) => pageAddress(e.url) === pageAddress(url)))?.verdict;
  return page ?? (await getChecker()).check(url);
}

/** The hosts allowed for this session ("Continue anyway"). */
export async function allowedOnce() {
  const { allowed } = await api.storage.session.get('allowed');
  return Array.isArray(allowed) ? allowed : [];
}

/** Returns the verdict for `url` and whether the navigation must be replaced by the warning page. */
export async function decide(url) {
  const verdict = await verdictOf(url);
  if (!WARNS.includes(verdict.verdict)) return { verdict, redirect: false };
  const allowed = await allowedOnce();
  return { verdict, redirect: !(verdict.host && allowed.includes(verdict.host)) };
}
