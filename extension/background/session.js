// storage.session values that several checks change at once (the stops, the safe pages, the page
// verdicts, what each tab's page showed): each change reads, changes and writes one value, one
// change at a time per value. Without the queue two checks of a tab in flight together (a page
// that changes its address every few hundred milliseconds has several) each read the old value,
// and the last write drops what the others wrote.
import { api } from '../lib/platform.js';

const queues = new Map();

/** The stored value `name`, or undefined. */
export async function readSession(name) {
  const { [name]: value } = await api.storage.session.get(name);
  return value;
}

/** Applies `change(value)` to the stored value `name` after every change queued before it, and
 *  stores what it returns (nothing is written if it returns undefined). Resolves with that. */
export function updateSession(name, change) {
  const run = (queues.get(name) ?? Promise.resolve()).then(async () => {
    const next = await change(await readSession(name));
    if (next !== undefined) await api.storage.session.set({ [name]: next });
    return next;
  });
  const settled = run.then(
    () => {},
    () => {},
  );
  queues.set(name, settled);
  settled.then(() => {
    if (queues.get(name) === settled) queues.delete(name);
  });
  return run;
}
