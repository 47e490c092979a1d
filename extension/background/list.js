// What the popup and the options say about the bundled list: its version, date, age, counts and
// sources (from the list file itself: the core's `info`). Lists reach users only in releases and
// nothing is ever fetched, so a list older than LIST_STALE_DAYS is called stale, and the popup
// says how to get a newer one: update the extension.
import { getChecker } from '../lib/engine.js';

/** After this many days the popup says the list is old. */
export const LIST_STALE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from the list's build date (`YYYY-MM-DD`, UTC) to `now` (ms); null if unreadable. */
export function listAgeDays(buildDate, now = Date.now()) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(buildDate));
  if (!m) return null;
  const built = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Math.max(0, Math.floor((now - built) / DAY_MS));
}

/** The core's list info plus `age_days`, `stale` and `stale_after_days`. */
export async function listInfo() {
  const info = (await getChecker()).info();
  const age = listAgeDays(info.build_date);
  return { ...info, age_days: age, stale: age !== null && age > LIST_STALE_DAYS, stale_after_days: LIST_STALE_DAYS };
}
