/**
 * First viewport (built extension, headless Chromium, and Firefox ESR over WebDriver BiDi): the time from `DOMContentLoaded` to the
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
import { launchChromium } from '../lib/browser';
import { launchFirefox } from '../lib/firefox';
import { NO_PAGE_SCRIPTS_CSP, type LocalServer } from '../lib/server';
import { extensionDir, type Log, median, sleep } from './common';

export interface FirstViewResult {
  page: string;
  browser: 'chromium' | 'firefox';
  /** DOMContentLoaded → first frame with a highlight in the first viewport, per load (ms; negative: a frame before DOMContentLoaded showed it; null: none within the wait). */
  samples: (number | null)[];
  /** Loads in which no highlight appeared in the first viewport within the wait. */
  missed: number;
  medianMs: number;
  minMs: number;
  /**
   * DOMContentLoaded itself per load where a highlight was seen, ms from the navigation's start: the other
   * times count from it, so a build that delayed the parse would look faster by them; compare it between builds.
   */
  dclSamples: number[];
  /** The browser alone: DOMContentLoaded → its first animation frame after it (median ms). */
  firstFrameMedianMs: number;
  /** DOMContentLoaded → our scan's start (the `contexto-scan` measure's start: browser's document_idle + our start-up), median ms; -1 where the page's world does not see it (Firefox). */
  scanStartMedianMs: number;
  /** Our whole first scan (`contexto-scan` duration, sliced), median ms; -1 where not seen. */
  scanMedianMs: number;
  /** First highlight minus the browser's first frame after DOMContentLoaded, per load, median ms (0: our highlight was in that very frame). */
  overFirstFrameMedianMs: number;
  /** Loads where a frame before DOMContentLoaded already showed our highlight in the first viewport. */
  beforeDclLoads: number;
}

/** The paragraph put first in each corpus page's body. */
export const FIRST_PARAGRAPH =
  '<p id="contexto-bench-first">Officials discussed the Sinaloa Cartel and fentanyl seizures at the border.</p>';

const FIRST_VIEW_INIT = `(() => {
  const t = { dcl: 0, frame: 0, first: 0, before: false };
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
    const now = performance.now();
    if (t.dcl && !t.frame) t.frame = now;
    // A frame before DOMContentLoaded may already show it (painted while the page parses): a negative time.
    if (!t.first && inView()) { t.first = now; t.before = !t.dcl; }
    if (t.first && t.frame) return;
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

/** Runs in the page's main world: the load's times once the first highlight in view was seen (and our scan's measure, if `needScan`). */
const READ_FIRST_VIEW = (needScan: boolean) => {
  const t = (
    window as unknown as { __contextoFirstView?: { dcl: number; frame: number; first: number; before: boolean } }
  ).__contextoFirstView;
  const scan = performance.getEntriesByName('contexto-scan')[0];
  if (!t?.first || !t.frame || (needScan && !scan)) return false;
  return {
    first: t.first - t.dcl,
    dcl: t.dcl,
    frame: t.frame - t.dcl,
    start: scan ? scan.startTime - t.dcl : -1,
    scan: scan ? scan.duration : -1,
    before: t.before,
  };
};
type Sample = Exclude<ReturnType<typeof READ_FIRST_VIEW>, false>;

/** One browser tab with the extension and FIRST_VIEW_INIT before every page's own scripts. */
interface Tab {
  /** Loads `url` up to DOMContentLoaded (`full`: up to load). */
  goto(url: string, full?: boolean): Promise<unknown>;
  /** Waits for READ_FIRST_VIEW (null after 60 s). */
  read(): Promise<Sample | null>;
}

async function chromiumTab(): Promise<{ tab: Tab; close(): Promise<void> }> {
  const ext = await launchChromium({ extensionDir: extensionDir('chromium'), offline: true });
  await ext.context.addInitScript(FIRST_VIEW_INIT);
  await sleep(1000);
  const page = await ext.context.newPage();
  return {
    tab: {
      goto: (url, full) => page.goto(url, { waitUntil: full ? 'load' : 'domcontentloaded', timeout: 120_000 }),
      read: () =>
        page
          .waitForFunction(READ_FIRST_VIEW, true, { timeout: 60_000, polling: 50 })
          .then((h) => h.jsonValue() as Promise<Sample>)
          .catch(() => null),
    },
    close: () => ext.close(),
  };
}

async function firefoxTab(): Promise<{ tab: Tab; close(): Promise<void> }> {
  const ff = await launchFirefox({
    extensionDir: extensionDir('firefox'),
    viewport: { width: 1280, height: 900 },
    prefs: { 'privacy.reduceTimerPrecision': false },
  });
  try {
    // Off the network by the browser-wide refusing proxy alone (scripts/lib/firefox.ts), as Chromium is by its flags:
    // per-tab interception would hold the extension's import of its full script behind the page's requests.
    const page = await ff.newPage([], { intercept: false });
    await page.evaluateOnNewDocument(FIRST_VIEW_INIT);
    await sleep(1000);
    return {
      tab: {
        // Firefox once refused a corpus page on 127.0.0.1 ("Address rejected") in a run where the next try
        // loaded it: one more try, said aloud, rather than the whole part lost.
        goto: async (url, full) => {
          const go = () => page.goto(url, { waitUntil: full ? 'load' : 'domcontentloaded', timeout: 120_000 });
          try {
            return await go();
          } catch (e) {
            console.warn(`firstview (firefox): ${url} failed to load (${String(e).split('\n')[0]}); trying once more`);
            return go();
          }
        },
        // Firefox keeps the content script's User Timing apart from the page's: no scan measure there.
        read: () =>
          page
            .waitForFunction(READ_FIRST_VIEW, { timeout: 60_000, polling: 50 }, false)
            .then((h) => h.jsonValue() as Promise<Sample>)
            .catch(() => null),
      },
      close: () => ff.close(),
    };
  } catch (e) {
    await ff.close();
    throw e;
  }
}

export async function firstViewBench(opts: {
  server: LocalServer;
  pages: { name: string; path: string; html?: string }[];
  loads: number;
  log: Log;
  browser?: 'chromium' | 'firefox';
}): Promise<FirstViewResult[]> {
  const { server, log } = opts;
  const browser = opts.browser ?? 'chromium';
  for (const p of opts.pages) {
    if (p.html !== undefined)
      server.put(p.path, {
        type: 'text/html; charset=utf-8',
        body: withFirstParagraph(p.html),
        headers: { 'content-security-policy': NO_PAGE_SCRIPTS_CSP },
      });
  }
  const { tab, close } = browser === 'chromium' ? await chromiumTab() : await firefoxTab();
  const results: FirstViewResult[] = [];
  try {
    // One unmeasured load (disk cache, the extension's first start in this renderer).
    if (opts.pages[0]) await tab.goto(server.origin + opts.pages[0].path, true);
    for (const p of opts.pages) {
      const samples: (number | null)[] = [];
      const frames: number[] = [];
      const dcls: number[] = [];
      const starts: number[] = [];
      const scans: number[] = [];
      const overFrame: number[] = [];
      let beforeDcl = 0;
      for (let i = 0; i < opts.loads; i++) {
        await tab.goto(server.origin + p.path);
        const t = await tab.read();
        samples.push(t ? t.first : null);
        if (t) {
          frames.push(t.frame);
          dcls.push(t.dcl);
          overFrame.push(t.first - t.frame);
          if (t.before) beforeDcl++;
          if (t.start >= 0) starts.push(t.start);
          if (t.scan >= 0) scans.push(t.scan);
        }
      }
      const ok = samples.filter((s) => s !== null);
      const r: FirstViewResult = {
        page: p.name,
        browser,
        samples,
        medianMs: ok.length ? median(ok) : Number.NaN,
        minMs: ok.length ? Math.min(...ok) : Number.NaN,
        missed: samples.length - ok.length,
        dclSamples: dcls,
        firstFrameMedianMs: median(frames),
        scanStartMedianMs: median(starts),
        scanMedianMs: median(scans),
        overFirstFrameMedianMs: median(overFrame),
        beforeDclLoads: beforeDcl,
      };
      results.push(r);
      log(
        `  first viewport (${browser}) ${p.name}: median ${r.medianMs.toFixed(0)} ms, fastest ${r.minMs.toFixed(0)} ms (${samples.map((s) => (s === null ? 'none' : s.toFixed(0))).join(', ')}); browser's first frame ${r.firstFrameMedianMs.toFixed(0)} ms, our scan starts ${r.scanStartMedianMs.toFixed(0)} ms, lasts ${r.scanMedianMs.toFixed(0)} ms; first highlight − browser's first frame ${r.overFirstFrameMedianMs.toFixed(0)} ms (${overFrame.map((x) => x.toFixed(0)).join(', ')}); shown before DOMContentLoaded in ${r.beforeDclLoads} of ${opts.loads} loads; DOMContentLoaded ${median(dcls).toFixed(0)} ms into the load`,
      );
    }
  } finally {
    await close();
  }
  return results;
}
