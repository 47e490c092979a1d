// The full-page warning shown instead of a dangerous or blocked site. The blocked URL is the hash;
// a page opened without one (a store build's static rule redirects by extension path, as its id
// is not known when the rules are built) asks the background what it has just stopped in this tab.
import { api } from '../lib/platform.js';
import { localize, t, send, reasonList } from '../lib/i18n.js';

const $ = (id) => document.getElementById(id);
const isWebUrl = (u) => typeof u === 'string' && /^https?:\/\//i.test(u);
const rawUrl = location.hash.length > 1 ? location.hash.slice(1) : '';
// Only web addresses are ever navigated to from here.
let blockedUrl = isWebUrl(rawUrl) ? rawUrl : '';

function showError(err) {
  const el = $('error');
  el.textContent = `${t('error_prefix')} ${err.message ?? err}`;
  el.hidden = false;
}

function reportText(verdict, info) {
  return [
    'Waspada false positive report',
    `URL: ${blockedUrl}`,
    `Host: ${verdict.host ?? '-'} (${verdict.host_unicode ?? '-'})`,
    `Verdict: ${verdict.verdict} (score ${verdict.score})`,
    `Reasons: ${verdict.reasons.map((r) => r.code + (r.params ? ' ' + JSON.stringify(r.params) : '')).join('; ')}`,
    `List: ${info?.list_version ?? '-'} (${info?.build_date ?? '-'})`,
    `Extension: ${api.runtime.getManifest().version}`,
    `Browser: ${navigator.userAgent}`,
    'Why I think it is safe: ',
  ].join('\n');
}

/** Never `history.back()`: the page before may be the stopped page itself, which the back/forward
 *  cache restores without a request. The background sends the tab to its last page before the stop. */
async function goBackToSafety() {
  try {
    await send({ type: 'backToSafety', url: blockedUrl || 'about:blank' });
  } catch {
    location.replace('about:blank');
  }
}

/** This warning page was not opened by Waspada (a site can open it with any address): show
 *  nothing of that address and offer nothing but the way out. */
function notOurs() {
  $('reasons').replaceChildren(document.createTextNode(t('warning_not_ours')));
  $('more').hidden = true;
  $('host-unicode').textContent = '-';
  $('host-ascii').textContent = '-';
  $('full-url').textContent = '';
}

async function main() {
  localize();
  $('back').addEventListener('click', () => goBackToSafety().catch(showError));
  $('back').focus();
  let stop = null;
  if (!blockedUrl && !rawUrl) {
    stop = await send({ type: 'recentStop' }).catch(() => null);
    if (stop && isWebUrl(stop.url)) {
      blockedUrl = stop.url;
      // The page's address now names what it is about, as in a build that knows its id (the
      // popup, the badge and a reload read it there).
      history.replaceState(null, '', `#${blockedUrl}`);
    }
  }
  $('full-url').textContent = blockedUrl;
  if (!blockedUrl) {
    $('reasons').replaceChildren(document.createTextNode(t('warning_no_url')));
    return;
  }
  // Only what the background decided for this tab (never a fresh check of the address in the URL).
  const [tabStop, info] = await Promise.all([
    stop ? stop : send({ type: 'tabStop', url: blockedUrl }),
    send({ type: 'listInfo' }).catch(() => null),
  ]);
  stop = tabStop;
  if (!stop) return notOurs();
  const verdict = stop.verdict;
  document.body.dataset.level = verdict.verdict;
  $('main').classList.toggle('suspicious', verdict.verdict === 'suspicious');
  $('headline').textContent = t(verdict.verdict === 'blocked' ? 'warning_headline_blocked' : 'warning_headline_dangerous');
  // Stopped by what the page showed (the page probe), not before it opened.
  if (verdict.reasons.some((r) => r.code.startsWith('page.'))) $('lead').textContent = t('warning_lead_page');
  document.title = `${t('warning_title')}: ${verdict.host_unicode ?? verdict.host ?? ''}`;
  $('host-unicode').textContent = verdict.host_unicode ?? '-';
  $('host-ascii').textContent = verdict.host ?? '-';
  const reasons = verdict.reasons.filter((r) => r.score > 0 || r.code === 'list.blocked');
  $('reasons').replaceChildren(reasonList(reasons.length ? reasons : verdict.reasons));
  if (verdict.suggestion) {
    $('suggest-text').textContent = t('warning_did_you_mean').replace('{site}', verdict.suggestion);
    const link = $('suggest-link');
    link.href = `https://${verdict.suggestion}/`;
    link.textContent = t('warning_go_to').replace('{site}', verdict.suggestion);
    $('suggestion').hidden = false;
  }
  $('report').value = reportText(verdict, info);
  $('continue').addEventListener('click', async () => {
    try {
      await send({ type: 'allowOnce', url: blockedUrl });
      location.replace(blockedUrl);
    } catch (err) {
      showError(err);
    }
  });
  $('trust').addEventListener('click', async () => {
    try {
      await send({ type: 'trustSite', url: blockedUrl });
      location.replace(blockedUrl);
    } catch (err) {
      showError(err);
    }
  });
  $('copy').addEventListener('click', async () => {
    const area = $('report');
    area.select();
    try {
      await navigator.clipboard.writeText(area.value);
    } catch {
      document.execCommand('copy');
    }
    $('copied').textContent = t('warning_copied');
  });
}

main().catch(showError);
