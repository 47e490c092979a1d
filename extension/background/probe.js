// The page probe, background side: looks once at a page whose address is suspicious (or a user's
// page on an abused hosting platform) and keeps the verdict if what it shows makes it dangerous.
import { api, platform } from '../lib/platform.js';
import { getChecker } from '../lib/engine.js';
import { loadSettings } from '../lib/settings.js';
import { collectPageFacts, cleanFacts } from '../lib/probe.js';
import { rememberPageVerdict } from './verdicts.js';

// The page probe waits this long for a login form to appear, and reads this much page text.
const PROBE_WAIT_MS = 15000;
const PROBE_TEXT_MAX = 4096;

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
    if (!injection || tab.url !== url) return;
    const verdict = (await getChecker()).checkPage(url, cleanFacts(injection.result, PROBE_TEXT_MAX));
    if (!verdict.reasons.some((r) => r.code.startsWith('page.'))) return;
    await rememberPageVerdict(url, verdict);
    await changed(tabId, url);
  } catch (err) {
    // A page that closed or navigated away meanwhile, or one the browser does not let us read.
    console.info('[waspada] page probe skipped:', String(err?.message ?? err));
  } finally {
    if (probing.get(tabId) === url) probing.delete(tabId);
  }
}
