// The page probe, background side: looks once at a page whose address is suspicious (or a user's
// page on an abused hosting platform) and keeps the verdict if what it shows makes it dangerous.
import { api, platform } from '../lib/platform.js';
import { getChecker } from '../lib/engine.js';
import { loadSettings } from '../lib/settings.js';
import { collectPageFacts, cleanFacts, reportedAddress } from '../lib/probe.js';
import { subjectOf } from './urls.js';
import { rememberPageVerdict } from './verdicts.js';

// The page probe waits this long for a login form to appear, and reads this much page text.
const PROBE_WAIT_MS = 15000;
const PROBE_TEXT_MAX = 4096;

const sameOrigin = (a, b) => {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
};

/** The page at `subject` (a `blob:` page's web address is its origin's) showed `facts`: keeps
 *  and returns the page's verdict if what it shows makes a difference, else null. */
async function judgeFacts(subject, facts) {
  const verdict = (await getChecker()).checkPage(subject, cleanFacts(facts, PROBE_TEXT_MAX));
  if (!verdict.reasons.some((r) => r.code.startsWith('page.'))) return null;
  await rememberPageVerdict(subject, verdict);
  return verdict;
}

const probing = new Map();
/** Looks at the page a tab shows and, if the page asks for a password, PIN or card in a protected
 *  brand's name (on a suspicious address, a credential form alone counts too), keeps the page's
 *  verdict and calls `changed(tabId, url)`. */
export async function probePage(tabId, url, changed) {
  if (!platform.scripting || probing.get(tabId) === url) return;
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
    if (!injection) return;
    // Chrome hides a `blob:` page's address from `tabs` (no host permission matches it): there
    // the top frame's own report (our isolated world's `location.href`) says where it is.
    const shown = tab.url ?? (typeof injection.result?.href === 'string' ? injection.result.href : null);
    // The page may have changed its address during the wait (history.replaceState or pushState,
    // as often as it likes; same origin only): the verdict then holds for where it is now, too.
    const moved = shown !== url && reportedAddress(injection.result) !== null && sameOrigin(url, shown);
    if (shown !== url && !moved) return;
    const verdict = await judgeFacts(subjectOf(url), injection.result);
    if (!verdict) return;
    if (moved) await rememberPageVerdict(shown, verdict);
    await changed(tabId, shown);
  } catch (err) {
    // A page that closed or navigated away meanwhile, or one the browser does not let us read.
    console.info('[waspada] page probe skipped:', String(err?.message ?? err));
  } finally {
    if (probing.get(tabId) === url) probing.delete(tabId);
  }
}

/** `probeLate` from the probe's focus watcher: a page that drew its form after the wait. Only
 *  the top frame's own report counts, for the address the tab shows, and only on a page the
 *  probe applies to (the facts can only ever make its verdict worse). */
export async function lateFacts(facts, sender, changed) {
  const tabId = sender?.tab?.id;
  const url = sender?.url;
  if (!Number.isInteger(tabId) || sender.frameId !== 0 || typeof url !== 'string' || (sender.tab.url ?? url) !== url) return { ok: false };
  const subject = subjectOf(url);
  const checker = await getChecker();
  if (!checker.pageCheckApplies(checker.check(subject))) return { ok: false };
  if (!(await judgeFacts(subject, facts))) return { ok: false };
  await changed(tabId, url);
  return { ok: true };
}
