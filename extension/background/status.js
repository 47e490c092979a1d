// How much protection is running, for the badge and the popup: the core, the list, host access.
import { api } from '../lib/platform.js';
import { getChecker, protectionStatus } from '../lib/engine.js';

const ALL_SITES = { origins: ['http://*/*', 'https://*/*'] };

/** `{engine, list, hostAccess, degraded, problem}`; waits for the engine's first load attempt. */
export async function currentStatus() {
  await getChecker().catch(() => {});
  const s = protectionStatus();
  // A user can withdraw the extension's access to sites: then nothing can be redirected.
  const hostAccess = api.permissions?.contains ? await api.permissions.contains(ALL_SITES).catch(() => true) : true;
  return { engine: s.engine, list: s.list, hostAccess, degraded: s.engine !== 'ok' || s.list !== 'ok' || !hostAccess, problem: s.problem };
}
