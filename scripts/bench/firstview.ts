/**
 * First viewport (built extension, headless Chromium): the time from `DOMContentLoaded` to the
 * first animation frame in which one of the extension's highlights lies inside the first
 * viewport (1280×900). The page's main world sees the extension's `CSS.highlights` and checks
 * them once per frame from `requestAnimationFrame` (a script added before the page's own,
 * through CDP; the page's scripts are off by CSP, so only the extension and the browser work).
 *
 * Pages: the biggest corpus pages with one paragraph naming two terms put first in `<body>`
 * (the corpus pages name almost none), and the synthetic 5 MB article as it is (its first
 * mention is in the first screen). The time includes when the browser starts the content
 * script (`document_idle`), the content script's start-up, and the scan up to that paragraph.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../lib/corpus';
import { blockOutside, launchChromium } from '../lib/browser';
import { NO_PAGE_SCRIPTS_CSP, type LocalServer } from '../lib/server';

export interface FirstViewResult {
  page: string;
  /** DOMContentLoaded → first frame with a highlight in the first viewport, per load (ms; -1: none within the wait). */
  samples: number[];
  medianMs: number;
  minMs: number;
  /** The browser alone: DOMContentLoaded → its first animation frame after it (median ms). */
  firstFrameMedianMs: number;
  /** DOMContentLoaded → our scan's start (the `contexto-scan` measure's start: browser's document_idle + our start-up), median ms. */
  scanStartMedianMs: number;
  /** Our whole first scan (`contexto-scan` duration, sliced), median ms. */
  scanMedianMs: number;
}

/** The paragraph put first in each corpus page's body. */
export const FIRST_PARAGRAPH =
  '<p id="contexto-bench-first">Officials discussed the Sinaloa Cartel and fentanyl seizures at the border.</p>';

const FIRST_VIEW_INIT = `(() => {
  const t = { dcl: 0, frame: 0, first: 0 };
  window.__contextoFirstView = t;
  document.addEventListener('DOMContentLoaded', () => { t.dcl = performance.now(); }, { once: true });
  const inView = () => {
    const vh = innerHeight, vw = innerWidth;
    for (const [, h] of CSS.highlights) for (const r of h) {
      const b = r.getBoundingClientRect();
      if (b.width > 0 && b.bottom > 0 && b.top < vh && b.right > 0 && b.left < vw) return true;
    }
    return false;
  };
  const check = () => {
    if (t.dcl && !t.frame) t.frame = performance.now();
    if (t.dcl && inView()) { t.first = performance.now(); return; }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

/** Puts FIRST_PARAGRAPH right after the `<body>` tag. */
export function withFirstParagraph(html: string): string {
  const m = /<body\b[^>]*>/i.exec(html);
  return m
    ? html.slice(0, m.index + m[0].length) + FIRST_PARAGRAPH + html.slice(m.index + m[0].length)
    : FIRST_PARAGRAPH + html;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export async function firstViewBench(opts: {
  server: LocalServer;
  pages: { name: string; path: string; html?: string }[];
  loads: number;
  log: (...xs: unknown[]) => void;
}): Promise<FirstViewResult[]> {
  const dir = process.env.CONTEXTO_EXTENSION_DIR ?? join(REPO_ROOT, '.output/chrome-mv3');
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error('no Chrome build: run npm run build first');
  const { server, log } = opts;
  for (const p of opts.pages) {
    if (p.html !== undefined)
      server.put(p.path, {
        type: 'text/html; charset=utf-8',
        body: withFirstParagraph(p.html),
        headers: { 'content-security-policy': NO_PAGE_SCRIPTS_CSP },
      });
  }
  const ext = await launchChromium({ extensionDir: dir });
  const results: FirstViewResult[] = [];
  try {
    await blockOutside(ext.context, server.origin, []);
    await ext.context.addInitScript(FIRST_VIEW_INIT);
    await new Promise((r) => setTimeout(r, 1000));
    const page = await ext.context.newPage();
    // One unmeasured load (disk cache, the extension's first start in this renderer).
    if (opts.pages[0]) await page.goto(server.origin + opts.pages[0].path, { waitUntil: 'load', timeout: 120_000 });
    for (const p of opts.pages) {
      const samples: number[] = [];
      const frames: number[] = [];
      const starts: number[] = [];
      const scans: number[] = [];
      for (let i = 0; i < opts.loads; i++) {
        await page.goto(server.origin + p.path, { waitUntil: 'domcontentloaded', timeout: 120_000 });
        const t = await page
          .waitForFunction(
            () => {
              const t = (window as unknown as { __contextoFirstView?: { dcl: number; frame: number; first: number } })
                .__contextoFirstView;
              const scan = performance.getEntriesByName('contexto-scan')[0];
              return t?.first && scan
                ? { first: t.first - t.dcl, frame: t.frame - t.dcl, start: scan.startTime - t.dcl, scan: scan.duration }
                : false;
            },
            undefined,
            { timeout: 30_000, polling: 50 },
          )
          .then((h) => h.jsonValue() as Promise<{ first: number; frame: number; start: number; scan: number }>)
          .catch(() => null);
        samples.push(t ? t.first : -1);
        if (t) {
          frames.push(t.frame);
          starts.push(t.start);
          scans.push(t.scan);
        }
      }
      const ok = samples.filter((s) => s >= 0);
      const r: FirstViewResult = {
        page: p.name,
        samples,
        medianMs: ok.length ? median(ok) : -1,
        minMs: ok.length ? Math.min(...ok) : -1,
        firstFrameMedianMs: frames.length ? median(frames) : -1,
        scanStartMedianMs: starts.length ? median(starts) : -1,
        scanMedianMs: scans.length ? median(scans) : -1,
      };
      results.push(r);
      log(
        `  first viewport ${p.name}: median ${r.medianMs.toFixed(0)} ms, fastest ${r.minMs.toFixed(0)} ms (${samples.map((s) => s.toFixed(0)).join(', ')}); browser's first frame ${r.firstFrameMedianMs.toFixed(0)} ms, our scan starts ${r.scanStartMedianMs.toFixed(0)} ms, lasts ${r.scanMedianMs.toFixed(0)} ms`,
      );
    }
  } finally {
    await ext.close();
  }
  return results;
}
