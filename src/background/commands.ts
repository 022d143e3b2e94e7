import { browser } from 'wxt/browser';
import { sendToTab } from '../messaging';

/** The manifest commands: next / previous mention in the active tab (its top frame). */
export const COMMAND_DIRECTIONS: Readonly<Record<string, 1 | -1>> = {
  'next-mention': 1,
  'previous-mention': -1,
};

export async function revealInActiveTab(direction: 1 | -1, tabId?: number): Promise<void> {
  const id = tabId ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (id === undefined) return;
  try {
    await sendToTab(id, 'reveal-mention', { direction }, { frameId: 0 });
  } catch {
    // no content script on this page (browser pages, stores): nothing to do
  }
}

export function registerCommands(): void {
  browser.commands.onCommand.addListener((command, tab) => {
    const direction = COMMAND_DIRECTIONS[command];
    if (direction) void revealInActiveTab(direction, tab?.id);
  });
}
