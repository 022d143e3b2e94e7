import { defineBackground } from '#imports';
import { registerCommands } from '../src/background/commands';
import { registerMessageHandlers } from '../src/background/messages';
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
});
