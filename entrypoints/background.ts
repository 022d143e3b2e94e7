import { defineBackground } from '#imports';
import { registerActiveGateBroadcast } from '../src/background/active-gate';
import { registerCommands } from '../src/background/commands';
import { registerMessageHandlers } from '../src/background/handlers';
import { registerPackUpdates } from '../src/background/packs';
import { registerTabMentions } from '../src/background/tab-mentions';
import { registerSelectionLookup } from '../src/context-menu';
import { refreshActiveSheet } from '../src/sheets';

export default defineBackground(() => {
  // The active fact sheet content scripts read: written again when this build's bundled sheet is new.
  void refreshActiveSheet().catch((e: unknown) => console.warn('Contexto: could not write the active fact sheet', e));
  // Frames still without the full script hear when the active sheet's gate words change.
  registerActiveGateBroadcast();
  // Per-tab mention results and the toolbar badge.
  registerTabMentions();
  // Content-script and popup messages.
  registerMessageHandlers();
  // Keyboard commands: next / previous mention.
  registerCommands();
  // Other features register here (e.g. the context menu).
  registerSelectionLookup();
  // Subscribed packs: the optional daily update check (alarms).
  registerPackUpdates();
});
