import { defineBackground } from '#imports';
import { registerSelectionLookup } from '../src/context-menu';

export default defineBackground(() => {
  // Wired up by the content-script and popup features.
  registerSelectionLookup();
});
