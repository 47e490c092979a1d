// The explanation shown when Waspada stopped a download: which file, from where, and why. The
// hash is the id of the background's record (pages/download.html is not web-accessible: only the
// background opens it).
import { api } from '../lib/platform.js';
import { localize, t, send, reasonList, cleanText } from '../lib/i18n.js';

const $ = (id) => document.getElementById(id);
const id = location.hash.slice(1);

function showError(err) {
  const el = $('error');
  el.textContent = `${t('error_prefix')} ${err.message ?? err}`;
  el.hidden = false;
}

async function closeTab() {
  const tab = await api.tabs.getCurrent();
  if (tab?.id !== undefined) await api.tabs.remove(tab.id);
}

async function main() {
  localize();
  $('close').addEventListener('click', () => closeTab().catch(showError));
  $('close').focus();
  const stop = id ? await send({ type: 'downloadStop', id }) : null;
  if (!stop) {
    $('reasons').replaceChildren(document.createTextNode(t('download_unknown')));
    $('more').hidden = true;
    return;
  }
  const { verdict } = stop;
  document.body.dataset.level = verdict.verdict;
  document.title = `${t('download_title')}: ${cleanText(stop.file || verdict.host || '')}`;
  $('file').textContent = cleanText(stop.file || '-');
  $('host').textContent = verdict.host_unicode ?? verdict.host ?? '-';
  $('full-url').textContent = cleanText(stop.url);
  const reasons = verdict.reasons.filter((r) => r.score > 0 || r.code === 'list.blocked');
  $('reasons').replaceChildren(reasonList(reasons.length ? reasons : verdict.reasons));
  if (!/^https?:\/\//i.test(stop.url)) $('anyway').hidden = true;
  $('anyway').addEventListener('click', async () => {
    try {
      await send({ type: 'downloadAnyway', id });
      await closeTab();
    } catch (err) {
      showError(err);
    }
  });
}

main().catch(showError);
