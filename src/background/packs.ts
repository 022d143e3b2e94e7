import { browser } from 'wxt/browser';
import { checkForUpdate, loadPacks, permissionFor, watchPacks, type PackSubscription } from '../packs';
import { bundledSheetEntries } from '../sheets';

/** The one alarm: it exists only while at least one subscription has the daily check on. */
export const PACK_ALARM = 'contexto-pack-daily';
const DAY_MINUTES = 24 * 60;

/** Creates or clears the daily alarm to match the subscriptions. */
export async function syncPackAlarm(packs: readonly PackSubscription[]): Promise<void> {
  const wanted = packs.some((p) => p.dailyCheck);
  const existing = await browser.alarms.get(PACK_ALARM);
  if (wanted && !existing)
    await browser.alarms.create(PACK_ALARM, { delayInMinutes: DAY_MINUTES, periodInMinutes: DAY_MINUTES });
  else if (!wanted && existing) await browser.alarms.clear(PACK_ALARM);
}

/** The daily check: each subscription that asked for it, one after the other; results land in its `lastCheck`. */
export async function runDailyPackChecks(): Promise<void> {
  for (const pack of await loadPacks()) {
    if (!pack.dailyCheck) continue;
    // Without the origin's permission (the reader withdrew it) nothing is fetched.
    if (!(await browser.permissions.contains(permissionFor(pack.url)).catch(() => false))) continue;
    await checkForUpdate(pack.id, { bundled: bundledSheetEntries() }).catch((e: unknown) =>
      console.warn('Contexto: pack check failed', e),
    );
  }
}

export function registerPackUpdates(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === PACK_ALARM) void runDailyPackChecks();
  });
  watchPacks((packs) => void syncPackAlarm(packs).catch(() => {}));
  void loadPacks()
    .then(syncPackAlarm)
    .catch(() => {});
}
