// Build helpers for scripts/build-extension (not shipped in the extension):
//   node extension/tools/build.mjs manifest <browser> <in manifest.json> <out manifest.json>
//   node extension/tools/build.mjs rules <hosts.tsv> <out dir> <extension origin>
// `rules` compiles the list's blocked hosts (`host<TAB>category` lines from
// `waspada blocklist build --hosts-out`) into one static declarativeNetRequest ruleset per category.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CATEGORIES } from '../lib/enums.js';
import { DNR_DOMAIN, redirectRule, frameBlockRule } from '../lib/dnr-rules.js';

export { CATEGORIES };
const CHUNK = 10000;

/** Parses `host<TAB>category` lines; returns { byCategory: Map, skipped: [{line, text, why}] }. */
export function parseHosts(text) {
  const byCategory = new Map(CATEGORIES.map((c) => [c, new Set()]));
  const skipped = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const [host, category = 'phishing'] = line.split('\t');
    const h = host.toLowerCase().replace(/\.$/, '');
    if (!byCategory.has(category)) skipped.push({ line: i + 1, text: line, why: `unknown category ${category}` });
    else if (!DNR_DOMAIN.test(h)) skipped.push({ line: i + 1, text: line, why: 'not a domain or IPv4 address' });
    else byCategory.get(category).add(h);
  });
  return { byCategory, skipped };
}

/**
 * The static rules for one category: top-level navigations to a listed host (or its subdomains)
 * are redirected to the warning page with the full URL in the fragment; frames are blocked.
 */
export function rulesFor(hosts, warningPageUrl) {
  const sorted = [...hosts].sort();
  const rules = [];
  let id = 1;
  for (let i = 0; i < sorted.length; i += CHUNK) {
    const requestDomains = sorted.slice(i, i + CHUNK);
    rules.push(redirectRule(id++, warningPageUrl, requestDomains), frameBlockRule(id++, requestDomains));
  }
  return rules;
}

/** The Chrome extension id of a base64 DER public key (as in the manifest's `key`). */
export async function chromeId(keyBase64) {
  const { createHash } = await import('node:crypto');
  const hex = createHash('sha256').update(Buffer.from(keyBase64, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/** The per-browser manifest: only differences that cannot be avoided. */
export function manifestFor(manifest, browser, { chromeKey } = {}) {
  const m = structuredClone(manifest);
  const drop = (names) => {
    m.permissions = m.permissions.filter((p) => !names.includes(p));
  };
  if (browser === 'chrome') {
    // Chrome: static declarativeNetRequest rules; blocking webRequest is not available to MV3
    // (non-blocking webRequest stays: it reports redirect chains before the target's request).
    drop(['webRequestBlocking']);
    delete m.background.scripts;
    delete m.browser_specific_settings;
    // A fixed key gives a fixed extension id, which the static redirect rules need.
    if (chromeKey) m.key = chromeKey;
  } else if (browser === 'firefox') {
    // Firefox: a blocking webRequest listener asks the wasm first; no static rules, no service worker.
    // `browsingData` (a stopped site's service workers, background/sitedata.js): the listener sees
    // a navigation before a site's worker answers it, and Firefox warns for the permission.
    drop(['declarativeNetRequestWithHostAccess', 'webNavigation', 'browsingData']);
    delete m.declarative_net_request;
    delete m.background.service_worker;
  } else {
    throw new Error(`unknown browser ${browser}`);
  }
  return m;
}

async function cli(argv) {
  const [cmd, ...args] = argv;
  if (cmd === 'manifest') {
    const [browser, input, output, keyFile] = args;
    const manifest = JSON.parse(readFileSync(input, 'utf8'));
    const chromeKey = keyFile ? readFileSync(keyFile, 'utf8').trim() : undefined;
    writeFileSync(output, JSON.stringify(manifestFor(manifest, browser, { chromeKey }), null, 2) + '\n');
  } else if (cmd === 'rules') {
    const [hostsFile, outDir, origin] = args;
    const { byCategory, skipped } = parseHosts(readFileSync(hostsFile, 'utf8'));
    mkdirSync(outDir, { recursive: true });
    const warning = origin === 'extension-path' ? null : `${origin.replace(/\/$/, '')}/pages/warning.html`;
    for (const c of CATEGORIES) {
      const rules = rulesFor(byCategory.get(c), warning);
      writeFileSync(join(outDir, `${c}.json`), JSON.stringify(rules));
      console.log(`[build-extension] rules/${c}.json: ${byCategory.get(c).size} hosts in ${rules.length} rules`);
    }
    if (skipped.length) {
      console.log(`[build-extension] ${skipped.length} hosts not expressible as requestDomains (left to the background check), e.g. ${skipped[0].text} (${skipped[0].why})`);
    }
  } else if (cmd === 'chrome-id') {
    console.log(await chromeId(readFileSync(args[0], 'utf8').trim()));
  } else {
    throw new Error(`usage: build.mjs manifest|rules|chrome-id ...`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  cli(process.argv.slice(2)).catch((err) => {
    console.error(`[build-extension] ${err.message}`);
    process.exit(1);
  });
}
