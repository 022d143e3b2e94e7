import { defineBackground } from '#imports';

export default defineBackground(() => {
  // Wired up by the content-script and popup features.
});
