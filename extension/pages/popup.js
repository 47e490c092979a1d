// The toolbar popup: the current tab's verdict, an offline link checker, the list version.
// Opened with `?link=<url>` (from the context menu) it checks that link in a tab of its own.
import { api } from '../lib/platform.js';
import { localize, t, send, reasonList, levelText, ageText } from '../lib/i18n.js';

const $ = (id) => document.getElementById(id);

/** Renders a verdict into `box`. */
export function renderVerdict(box, verdict) {
  box.replaceChildren();
  if (!verdict) {
    const p = document.createElement('p');
    p.className = 'muted';
    p.textContent = t('popup_not_checkable');
    box.append(p);
    return;
  }
  const line = document.createElement('p');
  const level = document.createElement('span');
  level.className = `level level-${verdict.verdict}`;
  level.dataset.level = verdict.verdict;
  level.textContent = levelText(verdict.verdict);
  line.append(level);
  if (verdict.host_unicode || verdict.host) {
    const host = document.createElement('span');
    host.className = 'host';
    host.textContent = ` ${verdict.host_unicode ?? verdict.host}`;
    if (verdict.host_unicode && verdict.host && verdict.host_unicode !== verdict.host) host.title = verdict.host;
    line.append(host);
  }
  box.append(line);
  const reasons = verdict.reasons.filter((r) => r.score > 0 || verdict.verdict === 'safe' || verdict.verdict === 'invalid' || r.code === 'list.blocked');
  if (reasons.length) box.append(reasonList(reasons));
  if (verdict.suggestion) {
    const p = document.createElement('p');
    p.className = 'suggest';
    p.textContent = t('warning_did_you_mean').replace('{site}', verdict.suggestion);
    box.append(p);
  }
}

async function showCurrentTab() {
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  if (!tab || !Number.isInteger(tab.id)) return renderVerdict($('current-result'), null);
  const { verdict } = await send({ type: 'tabVerdict', tabId: tab.id });
  renderVerdict($('current-result'), verdict);
}

let seq = 0;
async function checkLink() {
  const value = $('link').value.trim();
  const mine = ++seq;
  if (!value) {
    $('link-result').replaceChildren();
    return;
  }
  try {
    const verdict = await send({ type: 'check', url: value.slice(0, 4096) });
    if (mine === seq) renderVerdict($('link-result'), verdict);
  } catch (err) {
    if (mine === seq) $('link-result').textContent = `${t('error_prefix')} ${err.message}`;
  }
}

/** Says so when protection is degraded (no list, no core, no access to sites). */
async function showProtection() {
  const status = await send({ type: 'status' });
  if (!status.degraded) return;
  const key = status.engine !== 'ok' ? 'status_engine_failed' : status.list !== 'ok' ? 'status_list_failed' : 'status_no_host_access';
  $('protection').textContent = t(key);
  $('protection').hidden = false;
}

async function main() {
  localize();
  showProtection().catch(() => {});
  const link = new URLSearchParams(location.search).get('link');
  $('check-form').addEventListener('submit', (e) => {
    e.preventDefault();
    checkLink();
  });
  $('link').addEventListener('input', () => checkLink());
  $('options').addEventListener('click', () => api.runtime.openOptionsPage());
  send({ type: 'listInfo' })
    .then((info) => {
      $('list-version').textContent = t('popup_list_version').replace('{version}', info.list_version).replace('{date}', info.build_date);
      $('list-age').textContent = ageText(info.age_days);
      // Lists come only with releases: an old one is said so, with the way to a newer one.
      if (info.stale) {
        $('list-stale').textContent = t('list_stale').replace('{days}', String(info.age_days));
        $('list-stale').hidden = false;
      }
    })
    .catch((err) => {
      $('list-version').textContent = `${t('error_prefix')} ${err.message}`;
    });
  if (link) {
    document.body.classList.add('tab-mode');
    document.title = t('popup_link_title');
    $('current').hidden = true;
    $('check-h').textContent = t('popup_link_title');
    $('link').value = link;
    await checkLink();
    $('link').focus();
  } else {
    $('link').focus();
    // A link typed or pasted while the popup was still loading (its module runs after the
    // page is parsed) came before the listener: check it now rather than never.
    if ($('link').value.trim()) checkLink();
    await showCurrentTab();
  }
}

main().catch((err) => {
  $('current-result').textContent = `${t('error_prefix')} ${err.message}`;
});
