// Measures the Chrome race (issue 14 item 5): in N first navigations to hosts only the heuristics
// find dangerous (no list entry, no session rule yet), how often the site was contacted and how
// often its page's script ran before the warning replaced it. Run under the browser lock:
//   flock /tmp/waspada-e2e.lock node tests/e2e/race-chromium.mjs [rounds] [latency ms]
// `latency ms`: the test server answers each request that much later (a real network's round
// trips; 0, the default, is a local server's well-under-a-millisecond answer: the worst case).
// Prints one JSON line; extension/README.md ("The Chrome race") records the results.
import { startServer } from './server.mjs';
import { launch, newProfile, ready, gotoExpect, isWarning } from './chromium.mjs';
import { loadWasm, listBytes, LOOKALIKE_CANDIDATES } from './helpers.mjs';

const rounds = Number(process.argv[2] ?? 2);
const wasm = await loadWasm();
const checker = new wasm.Checker(listBytes(), undefined);
const hosts = LOOKALIKE_CANDIDATES.filter((h) => checker.check(`http://${h}/`).verdict === 'dangerous' && !checker.check(`http://${h}/`).reasons.some((r) => r.code === 'list.blocked'));
const latencyMs = Number(process.argv[3] ?? 0);
const srv = await startServer({ latencyMs });
const out = { navigations: 0, fetched: 0, ran: 0, warned: 0, hosts: hosts.length, rounds, latency_ms: latencyMs };
for (let round = 0; round < rounds; round++) {
  // A fresh profile per round: no session rule from an earlier visit.
  const context = await launch(newProfile());
  const page = context.pages()[0] ?? (await context.newPage());
  await ready(context);
  for (const host of hosts) {
    await gotoExpect(page, srv.url('example.com', `/r${round}`), (u) => u.includes(`/r${round}`));
    const path = `/race-${round}`;
    const ranBefore = srv.ran.filter((r) => r.host === host).length;
    const url = await gotoExpect(page, srv.url(host, path), (u) => isWarning(u) && u.includes(path), 15000).catch(() => page.url());
    await page.waitForTimeout(300);
    out.navigations += 1;
    if (isWarning(url)) out.warned += 1;
    if (srv.requests.some((r) => r.host === host && r.path === path)) out.fetched += 1;
    if (srv.ran.filter((r) => r.host === host).length > ranBefore) out.ran += 1;
  }
  await context.close();
}
await srv.close();
console.log(JSON.stringify(out));
