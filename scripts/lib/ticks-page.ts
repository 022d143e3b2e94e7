import type { Page } from 'playwright-core';

/**
 * A page that counts its own timer ticks (every 10 ms) and names the sheet's terms 1,200 times
 * (not from the corpus): test:pages checks its mentions in both browsers, the bench counts its ticks.
 */
export const TICKS_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ticks</title></head><body><article>${'<p>The Sinaloa Cartel and the DEA, the Mérida Initiative and fentanyl. </p>'.repeat(300)}</article><script>window.ticks=0;setInterval(()=>window.ticks++,10);</script></body></html>`;

export const TICKS_PATH = '/ticks.html';

/** Loads the ticks page and returns how often its timer fired in the `ms` after `load`. */
export async function ticksAfterLoad(page: Page, origin: string, ms = 2000): Promise<number> {
  await page.goto(`${origin}${TICKS_PATH}`, { waitUntil: 'load' });
  const count = () => page.evaluate(() => (window as unknown as { ticks: number }).ticks) as Promise<number>;
  const start = await count();
  await page.waitForTimeout(ms);
  return (await count()) - start;
}
