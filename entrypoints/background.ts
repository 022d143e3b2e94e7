import { defineBackground } from '#imports';
import { registerCommands } from '../src/background/commands';
import { registerMessageHandlers } from '../src/background/messages';
import { registerPackUpdates } from '../src/background/packs';
import { registerTabMentions } from '../src/background/tab-mentions';
import { registerSelectionLookup } from '../src/context-menu';

export default defineBackground(() => {
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
