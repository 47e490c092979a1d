// Downloads: a file from a listed or dangerous site, an app or program whose name (from the link
// or only from the server's Content-Disposition) the core finds dangerous, or an app offered by a
// page Waspada warns about, is stopped before it is kept, and a page explains why. Chrome holds
// every download until `downloads.onDeterminingFilename` has answered (the file stays a temporary
// `.crdownload` until then); Firefox reports it on `downloads.onCreated`, where it is cancelled
// or, if it already finished, its file is deleted. Downloads from ordinary sites are untouched.
import { api, platform } from '../lib/platform.js';
import { getChecker } from '../lib/engine.js';
import { WARNS } from '../lib/enums.js';
import { isWeb } from './urls.js';

export const DOWNLOAD_PAGE = api.runtime.getURL('pages/download.html');
const STOPS_MAX = 50;

/** The web address behind `url`: itself, or the page origin of a `blob:` URL. */
function webAddress(url) {
  if (typeof url !== 'string') return null;
  const inner = url.startsWith('blob:') ? url.slice(5) : url;
  return isWeb(inner) ? inner : null;
}

/** The file's own name, from a path (Firefox gives the full path, Chrome a relative one). */
export const baseName = (path) => (typeof path === 'string' ? path.split(/[\\/]/).pop() : '') || '';

/** `url` with `file` as its last path segment: so the core reads a name the server gave only in
 *  Content-Disposition (`/get?id=7` saved as `Undangan-Pernikahan.apk`) as if it were the link's. */
export function withFileName(url, file) {
  try {
    const u = new URL(url);
    const dir = u.pathname.slice(0, u.pathname.lastIndexOf('/') + 1) || '/';
    return `${u.origin}${dir}${encodeURIComponent(file)}`;
  } catch {
    return null;
  }
}

const rank = (v) => (v ? ['invalid', 'safe', 'suspicious', 'dangerous', 'blocked'].indexOf(v.verdict) * 1000 + v.score : -1);
const executable = (v) => Boolean(v?.reasons?.some((r) => r.code.startsWith('download.')));

/** What Waspada thinks of a download (`{url, finalUrl, referrer, filename}`): the verdict to
 *  show and whether to stop it. Stopped: the file's address, or its address with its real name,
 *  warns (listed host, lookalike, a lure-named app); or it is an app or program and the page that
 *  offered it warns. */
export async function judgeDownload(item, checker) {
  const source = webAddress(item.finalUrl) ?? webAddress(item.url);
  const page = webAddress(item.referrer);
  const file = baseName(item.filename);
  const base = source ?? page;
  const checks = [];
  if (source) checks.push(checker.check(source));
  if (base && file) {
    const named = withFileName(base, file);
    if (named) checks.push(checker.check(named));
  }
  const worst = checks.reduce((a, b) => (rank(b) > rank(a) ? b : a), null);
  if (worst && WARNS.includes(worst.verdict)) return { stop: true, verdict: worst, file, source: base };
  if (page && checks.some(executable)) {
    const offered = checker.check(page);
    if (WARNS.includes(offered.verdict)) {
      const reasons = [...(checks.find(executable)?.reasons.filter((r) => r.code.startsWith('download.')) ?? []), ...offered.reasons];
      return { stop: true, verdict: { ...offered, reasons }, file, source: base };
    }
  }
  return { stop: false, verdict: worst, file, source: base };
}

async function readStops() {
  const { downloadStops } = await api.storage.session.get('downloadStops');
  return downloadStops && typeof downloadStops === 'object' ? downloadStops : {};
}

/** The stopped download `id` (for the explanation page), or null. */
export async function downloadStop(id) {
  return (await readStops())[id] ?? null;
}

/** Downloads the user chose to keep after the warning (this browser session): not stopped again. */
async function keptAnyway() {
  const { downloadsAllowed } = await api.storage.session.get('downloadsAllowed');
  return Array.isArray(downloadsAllowed) ? downloadsAllowed : [];
}

/** "Download it anyway": the stopped download's address is allowed for the session and the
 *  browser downloads it again (at the user's request; a `blob:`/`data:` file cannot be fetched again). */
export async function downloadAnyway(id) {
  const stop = await downloadStop(id);
  if (!stop || !isWeb(stop.url)) throw new Error('this download cannot be started again');
  const allowed = (await keptAnyway()).filter((u) => u !== stop.url).concat(stop.url).slice(-20);
  await api.storage.session.set({ downloadsAllowed: allowed });
  await api.downloads.download({ url: stop.url, ...(stop.file ? { filename: stop.file } : {}) });
  return { ok: true };
}

async function record(item, judged) {
  const stops = await readStops();
  const id = `${Date.now().toString(36)}-${item.id}`;
  stops[id] = { url: item.finalUrl || item.url, file: judged.file, verdict: judged.verdict, at: Date.now() };
  const kept = Object.entries(stops).sort((a, b) => a[1].at - b[1].at).slice(-STOPS_MAX);
  await api.storage.session.set({ downloadStops: Object.fromEntries(kept) });
  return id;
}

/** Cancels the download (or deletes its file if it already finished) and opens the explanation. */
async function stop(item, judged) {
  try {
    await api.downloads.cancel(item.id);
  } catch {
    // Firefox: a small file can finish before we hear of it.
  }
  const [now] = await api.downloads.search({ id: item.id }).catch(() => []);
  if (now?.state === 'complete' && now.exists !== false) await api.downloads.removeFile(item.id).catch(() => {});
  const id = await record(item, judged);
  await api.tabs.create({ url: `${DOWNLOAD_PAGE}#${id}`, active: true });
}

/** Checks one download; stops it if it must be. */
export async function inspect(item) {
  if ((await keptAnyway()).includes(item.finalUrl || item.url)) return false;
  const judged = await judgeDownload(item, await getChecker());
  if (judged.stop) await stop(item, judged);
  return judged.stop;
}

if (platform.downloadsFilename) {
  // Chrome: the download waits (as a temporary file) until every extension suggested a name.
  api.downloads.onDeterminingFilename.addListener((item, suggest) => {
    inspect(item)
      .catch((err) => console.error('[waspada] download check failed', err))
      .finally(() => {
        try {
          suggest();
        } catch {
          // cancelled meanwhile
        }
      });
    return true;
  });
} else if (platform.downloads) {
  // Firefox: the final name is known when the download is created.
  api.downloads.onCreated.addListener((item) => {
    inspect(item).catch((err) => console.error('[waspada] download check failed', err));
  });
}
