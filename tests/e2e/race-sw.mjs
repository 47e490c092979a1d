// Measures pages served by a service worker (issue 14 item 5): a host only the heuristics find
// dangerous, whose page registered a service worker on an earlier visit (the user chose "Continue
// anyway" then, in an earlier browser session), visited again in a new session: does Waspada
// still warn, was the site contacted, and did the page's script run before the warning (`ran`: at
// all, `worker`: the page the worker served)? The worker answers the navigation itself, from
// Cache Storage (no request to the site); in Chrome Waspada removes a stopped site's worker
// (background/sitedata.js), so the later visits measure what is left. Run under the browser lock:
//   flock /tmp/waspada-e2e.lock node tests/e2e/race-sw.mjs [rounds] [chromium|firefox|both]
// Prints one JSON line per browser; extension/README.md ("The Chrome race") records the results.
import { startServer } from './server.mjs';
import * as cr from './chromium.mjs';
import * as ff from './firefox.mjs';
import { loadWasm, listBytes, LOOKALIKE_CANDIDATES, FIREFOX_DIR } from './helpers.mjs';

const rounds = Number(process.argv[2] ?? 4);
const which = process.argv[3] ?? 'both';
const wasm = await loadWasm();
const checker = new wasm.Checker(listBytes(), undefined);
const heuristic = (h) => {
  const v = checker.check(`http://${h}/`);
  return v.verdict === 'dangerous' && !v.reasons.some((r) => r.code === 'list.blocked');
};
const hosts = LOOKALIKE_CANDIDATES.filter(heuristic).slice(0, rounds);
const srv = await startServer();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const until = async (probe, ms, what) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await probe()) return;
    await sleep(150);
  }
  throw new Error(`${what} not in time`);
};
const ready = (host) => srv.requests.some((r) => r.host === host && r.path === '/__sw-ready');
const visits = (host) => srv.requests.filter((r) => r.host === host && r.path === '/sw-page').length;
const runs = (host, fromWorker = false) => srv.ran.filter((r) => r.host === host && (!fromWorker || r.sw)).length;

/** A visit to `host`'s page in `page` (Chromium), after one to a clean page: was it warned, was
 *  the site contacted, did the page's script run (`ran`: at all; `worker`: the worker's page)? */
async function visit(page, host) {
  await cr.gotoExpect(page, srv.url('example.com', '/between'), (u) => u.includes('/between'));
  const [fetched, ran, worker] = [visits(host), runs(host), runs(host, true)];
  const url = await cr.gotoExpect(page, srv.url(host, '/sw-page'), cr.isWarning, 15000).catch(() => page.url());
  await page.waitForTimeout(500);
  return { warned: cr.isWarning(url), fetched: visits(host) > fetched, ran: runs(host) > ran, worker: runs(host, true) > worker };
}
const tally = () => ({ navigations: 0, installed: 0, warned: 0, fetched: 0, ran: 0, worker: 0 });
/** Whether Chromium keeps a service worker for `origin` now (DevTools protocol). */
async function hasWorker(context, page, origin) {
  const cdp = await context.newCDPSession(page);
  const { usageBreakdown } = await cdp.send('Storage.getUsageAndQuota', { origin });
  await cdp.detach().catch(() => {});
  return usageBreakdown.some((u) => u.storageType === 'service_workers' && u.usage > 0);
}
function add(out, o) {
  out.navigations += 1;
  for (const k of ['warned', 'fetched', 'ran', 'worker']) out[k] += o[k] ? 1 : 0;
}

async function chromium() {
  // `first`: the first visit of the second session (the worker answers, unless Waspada's removal
  // beat it); `later`: a visit later in that session (after the first warning gave the host its
  // session redirect rule and removed its worker); `next`: the first visit of a third session
  // (no session rule, and no worker if it was removed: a first visit's race at most).
  const out = { browser: 'chromium', registered: 0, first: tally(), later: tally(), next: tally() };
  for (const host of hosts) {
    const profile = cr.newProfile();
    // Service workers need a secure context: the test's plain-http host counts as one.
    const args = [`--unsafely-treat-insecure-origin-as-secure=${srv.url(host, '').replace(/\/$/, '')}`];
    // Session 1: warned, the user continues anyway; the page installs its worker.
    let context = await cr.launch(profile, { args });
    let page = context.pages()[0] ?? (await context.newPage());
    await cr.ready(context);
    await cr.gotoExpect(page, srv.url(host, '/sw-page'), cr.isWarning);
    // The user reads the warning before continuing (the stop's removal of the site's data, of
    // which there is none yet, is over by then, as it is for a person).
    await page.waitForTimeout(1500);
    await page.locator('#more summary').click();
    await page.locator('#continue').click();
    const origin = srv.url(host, '').replace(/\/$/, '');
    const registered = await until(async () => ready(host) && (await hasWorker(context, page, origin)), 10000, 'the service worker').then(() => true, () => false);
    await context.close();
    if (!registered) continue;
    out.registered += 1;
    // Session 2: nothing allowed, no session rule; the worker answers the navigation.
    context = await cr.launch(profile, { args });
    page = context.pages()[0] ?? (await context.newPage());
    await cr.ready(context);
    out.first.installed += (await hasWorker(context, page, origin)) ? 1 : 0;
    add(out.first, await visit(page, host));
    out.later.installed += (await hasWorker(context, page, origin)) ? 1 : 0;
    add(out.later, await visit(page, host));
    await context.close();
    // Session 3: is the worker still there to answer?
    context = await cr.launch(profile, { args });
    page = context.pages()[0] ?? (await context.newPage());
    await cr.ready(context);
    out.next.installed += (await hasWorker(context, page, srv.url(host, '').replace(/\/$/, ''))) ? 1 : 0;
    add(out.next, await visit(page, host));
    await context.close();
  }
  return out;
}

async function firefox() {
  const out = { browser: 'firefox', navigations: 0, registered: 0, warned: 0, fetched: 0, ran: 0, worker: 0 };
  for (const host of hosts) {
    // Firefox copies the profile for each session, so the earlier visit is made in the same
    // session before the extension is installed (the worker is the site's, not the session's).
    const driver = await ff.launch({ hosts: [host], prefs: { 'dom.serviceWorkers.testing.enabled': true }, addon: false });
    await driver.get(srv.url(host, '/sw-page'));
    const registered = await until(() => ready(host), 10000, 'the service worker').then(() => true, () => false);
    if (registered) {
      out.registered += 1;
      await driver.get('about:blank');
      await driver.installAddon(FIREFOX_DIR, true);
      await sleep(2000);
      const before = visits(host);
      const [ranBefore, workerBefore] = [runs(host), runs(host, true)];
      await driver.get(srv.url(host, '/sw-page')).catch(() => {});
      await driver.wait(async () => ff.isWarning(await driver.getCurrentUrl()), 15000).catch(() => {});
      await sleep(500);
      const url = await driver.getCurrentUrl();
      out.navigations += 1;
      out.warned += ff.isWarning(url) ? 1 : 0;
      out.fetched += visits(host) > before ? 1 : 0;
      out.ran += runs(host) > ranBefore ? 1 : 0;
      out.worker += runs(host, true) > workerBefore ? 1 : 0;
    }
    await driver.quit();
  }
  return out;
}

if (which !== 'firefox') console.log(JSON.stringify(await chromium()));
if (which !== 'chromium') console.log(JSON.stringify(await firefox()));
await srv.close();
