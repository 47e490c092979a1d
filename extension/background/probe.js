// The page probe, background side: looks once at a page whose address is suspicious (or a user's
// page on an abused hosting platform) and keeps the verdict if what it shows makes it dangerous.
import { api, platform } from '../lib/platform.js';
import { getChecker } from '../lib/engine.js';
import { loadSettings } from '../lib/settings.js';
import { collectPageFacts, cleanFacts } from '../lib/probe.js';
import { subjectOf } from './urls.js';
import { rememberPageVerdict, tabPage, setTabPageVerdict } from './verdicts.js';

// The page probe waits this long for a login form to appear, and reads this much page text.
const PROBE_WAIT_MS = 15000;
const PROBE_TEXT_MAX = 4096;

/** The page at `subject` (a `blob:` page's web address is its origin's) showed `facts`: keeps
 *  and returns the page's verdict if what it shows makes a difference, else null. */
async function judgeFacts(subject, facts) {
  const verdict = (await getChecker()).checkPage(subject, cleanFacts(facts, PROBE_TEXT_MAX));
  if (!verdict.reasons.some((r) => r.code.startsWith('page.'))) return null;
  await rememberPageVerdict(subject, verdict);
  return verdict;
}

const probing = new Map();
/** Looks at the page a tab shows (`doc`: the page, `tabShows`) and, if the page asks for a
 *  password, PIN or card in a protected brand's name (on a suspicious address, a credential form
 *  alone counts too), keeps the page's verdict and calls `changed(tabId, url)`. One look per page
 *  at a time: a page that changes its address during the wait is still being looked at. */
export async function probePage(tabId, url, changed, doc = null) {
  const looking = doc ?? url;
  if (!platform.scripting || probing.get(tabId) === looking) return;
  if (!(await loadSettings()).page_probe) return;
  probing.set(tabId, looking);
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
    // as often as it likes): if the tab still shows that page, the verdict is the page's, for
    // every address it takes from now on as well (`tabShows`).
    const same = doc !== null && (await tabPage(tabId))?.doc === doc;
    if (shown !== url && !same) return;
    const verdict = await judgeFacts(subjectOf(url), injection.result);
    if (!verdict) return;
    if (same) await setTabPageVerdict(tabId, doc, verdict);
    if (shown !== url) await rememberPageVerdict(subjectOf(shown) ?? shown, verdict);
    await changed(tabId, shown);
  } catch (err) {
    // A page that closed or navigated away meanwhile, or one the browser does not let us read.
    console.info('[waspada] page probe skipped:', String(err?.message ?? err));
  } finally {
    if (probing.get(tabId) === looking) probing.delete(tabId);
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
  const verdict = await judgeFacts(subject, facts);
  if (!verdict) return { ok: false };
  const page = await tabPage(tabId);
  if (page?.addresses.includes(subject)) await setTabPageVerdict(tabId, page.doc, verdict);
  await changed(tabId, url);
  return { ok: true };
}
