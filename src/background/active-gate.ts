import { storage } from '@wxt-dev/storage';
import { browser } from 'wxt/browser';
import { sendToTab } from '../messaging';
import { ACTIVE_GATE_KEY, type ActiveGate } from '../sheets/active-gate';

/**
 * Tells every tab's frames when the active sheet's gate words change (a sheet imported, enabled,
 * removed): a frame whose loader found nothing looks at its text again with them. One listener
 * here instead of a storage listener in every frame (src/page/loader.ts).
 */
export function registerActiveGateBroadcast(): void {
  storage.watch<ActiveGate>(`local:${ACTIVE_GATE_KEY}`, (gate) => {
    void broadcast(gate);
  });
}

async function broadcast(gate: ActiveGate | null): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined
        ? undefined
        : // A tab without our content script (a browser page, a store) rejects: nothing to tell.
          sendToTab(tab.id, 'active-gate-changed', { gate }).catch(() => undefined),
    ),
  );
}
