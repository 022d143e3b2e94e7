/**
 * `npm run bench`: Contexto's scan against a bare DOM walk, mark.js and a naive regex-per-alias
 * scan, side by side in headless Chromium and Firefox ESR on 127.0.0.1 (every other request
 * blocked), on every corpus page and a synthetic 5 MB article; then, with the built extension,
 * the parts in scripts/bench/ (first viewport, long tasks, live updates, hover, scrolling,
 * nothing to find, memory) and the content script's size. `npm run bench -- --help` lists the
 * options; docs/benchmarks.md has the method and what the numbers mean.
 */
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { loadFactSheetDir } from '../src/factsheet/load-files';
import { CHROMIUM } from './lib/browser';
import { corpusDir, corpusPages } from './lib/corpus';
import { type LocalServer, NO_PAGE_SCRIPTS_CSP, startServer } from './lib/server';
import { chromiumPair } from './bench/browsers';
import { buildPageBundle, contentScriptSize } from './bench/bundle';
import { firstViewBench } from './bench/firstview';
import { hover } from './bench/hover';
import { idleBench } from './bench/idle';
import { incrementalBench } from './bench/incremental';
import { longTaskBench } from './bench/longtask';
import { memoryBench } from './bench/memory';
import { benchOptions, type Part } from './bench/options';
import { fx, printMarkdown, printScanSummary, printScanTable, type RunResults } from './bench/report';
import { firefoxMethods, type ScanTarget, scanChromium, scanFirefox, scanSummary } from './bench/scan';
import { smoothBench } from './bench/smooth';
import { syntheticPage } from './bench/synthetic';
import { traceBench } from './bench/trace';

const o = benchOptions();
const log = (...xs: unknown[]) => (o.json ? console.error(...xs) : console.log(...xs));

/**
 * The first-viewport part's corpus pages (the biggest), each with a paragraph naming two terms put first
 * (--quick: the longest article only, to stay under 3 minutes).
 */
const FIRSTVIEW_PAGES = o.quick ? ['wikipedia-2'] : ['yahoo-2', 'yahoo-3', 'yahoo-1', 'guardian-1', 'wikipedia-2'];
const SYNTHETIC = { name: 'synthetic-5mb', path: '/synthetic.html' };

/** CPU seconds of this process and its reaped children (the browsers): /proc/self/stat, Linux only. */
function cpuSeconds(): number | null {
  try {
    const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    // utime, stime, cutime, cstime are fields 14–17 (1-based), i.e. 11–14 after the command name.
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
  } catch {
    return null;
  }
}

function machine() {
  return {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memGb: +(totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    chromium: CHROMIUM,
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  const run = (p: Part) => o.parts.has(p);
  const pages = corpusPages().filter((p) => !o.pages || o.pages.some((f) => p.file.includes(f)));
  const entries = loadFactSheetDir();
  log(
    `Contexto bench: ${pages.length} corpus pages from ${corpusDir()} + synthetic page; ${entries.length} terms; ${o.reps} reps; parts ${[...o.parts].join(', ')}`,
  );
  const synthetic = syntheticPage(entries);
  const server: LocalServer = await startServer(corpusDir());
  server.put(SYNTHETIC.path, {
    type: 'text/html; charset=utf-8',
    body: synthetic.html,
    headers: { 'content-security-policy': NO_PAGE_SCRIPTS_CSP },
  });
  log(
    `synthetic page: ${(synthetic.html.length / 1048576).toFixed(1)} MB, ${synthetic.words} words, ${synthetic.mentions} mentions`,
  );
  const name = (file: string) => file.replace(/\.html$/, '');
  const scanTargets: ScanTarget[] = [
    ...pages.map((p) => ({ name: name(p.file), url: `${server.origin}/static/${p.file}`, kb: p.bytes / 1024 })),
    {
      name: SYNTHETIC.name,
      url: server.origin + SYNTHETIC.path,
      kb: synthetic.html.length / 1024,
      expectedMentions: synthetic.mentions,
    },
  ];
  const r: RunResults = { failed: {} };
  /** Runs one part; a failure is reported and the other parts go on. */
  const part = async (p: Part, f: () => Promise<void>) => {
    if (!run(p)) return;
    const t0 = performance.now();
    try {
      await f();
    } catch (e) {
      r.failed[p] = String((e as Error).stack ?? e);
      log(`part ${p} failed: ${(e as Error).message}`);
    }
    log(`(${p}: ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  };

  const bundle = run('scan') || run('scan-firefox') || run('memory') ? await buildPageBundle() : '';
  await part('scan', async () => {
    const results = await scanChromium({ origin: server.origin, targets: scanTargets, bundle, o, log });
    r.chromium = { results, summary: scanSummary(results) };
  });
  await part('scan-firefox', async () => {
    const results = await scanFirefox({ targets: scanTargets, bundle, o, log });
    r.firefox = { results, summary: scanSummary(results) };
  });
  const fvPages = [
    ...corpusPages()
      .filter((p) => FIRSTVIEW_PAGES.includes(name(p.file)))
      .map((p) => ({ name: name(p.file), path: `/firstview/${p.file}`, html: readFileSync(p.path, 'utf8') })),
    SYNTHETIC,
  ];
  await part('firstview', async () => {
    r.firstView = await firstViewBench({ server, log, loads: o.loads ?? (o.quick ? 3 : 5), pages: fvPages });
  });
  await part('firstview-firefox', async () => {
    r.firstViewFirefox = await firstViewBench({
      server,
      log,
      loads: o.loads ?? (o.quick ? 3 : 5),
      pages: fvPages,
      browser: 'firefox',
    });
  });
  await part('trace', async () => {
    r.trace = await traceBench({
      server,
      log,
      loads: o.loads ?? 3,
      verbose: o.verbose,
      // /static/: served with the CSP that runs no page script (the synthetic page carries it too).
      targets: [
        ...pages.map((p) => ({ name: name(p.file), url: `${server.origin}/static/${p.file}` })),
        { name: SYNTHETIC.name, url: server.origin + SYNTHETIC.path, mentions: true },
      ],
    });
  });
  await part('longtask', async () => {
    r.longTasks = await longTaskBench({ server, pages, log });
  });
  if ((run('incremental') && o.paragraphs > 0) || run('hover')) {
    const pair = await chromiumPair(server);
    try {
      await part('incremental', async () => {
        if (o.paragraphs > 0)
          r.incremental = await incrementalBench({
            pair,
            server,
            paragraphs: o.paragraphs,
            rounds: o.rounds,
            log,
            verbose: o.verbose,
          });
      });
      await part('hover', async () => {
        server.put('/sample-article.html', {
          type: 'text/html; charset=utf-8',
          body: readFileSync(new URL('../tests/fixtures/sample-article.html', import.meta.url), 'utf8'),
        });
        const page = await pair.ext.newPage();
        r.hover = [];
        for (const [n, path] of [
          ['sample-article', '/sample-article.html'],
          [SYNTHETIC.name, SYNTHETIC.path],
        ] as const) {
          const h = await hover(page, server.origin + path, n, 10);
          r.hover.push(h);
          log(`  hover ${n}: ${JSON.stringify(h)}`);
        }
        await page.close();
      });
      const blocked = pair.blockedFromExtension();
      if (blocked) log(`requests the extension made outside 127.0.0.1 (blocked): ${blocked}`);
    } finally {
      await pair.close();
    }
  }
  await part('smooth', async () => {
    r.smooth = await smoothBench({ server, name: SYNTHETIC.name, path: SYNTHETIC.path, log });
  });
  await part('idle', async () => {
    r.idle = await idleBench({ server, loads: o.loads ?? 5, log, verbose: o.verbose });
  });
  await part('memory', async () => {
    r.memory = await memoryBench({ server, name: SYNTHETIC.name, path: SYNTHETIC.path, bundle, loads: 3, log });
  });
  await server.close();

  const bundleSize = contentScriptSize();
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSeconds();
  if (o.json) {
    console.log(
      JSON.stringify(
        {
          machine: machine(),
          reps: o.reps,
          stat: o.stat,
          parts: [...o.parts],
          pages: r.chromium?.results,
          summary: r.chromium?.summary,
          ...r,
          bundle: bundleSize,
          wallSeconds: seconds,
          cpuSeconds: cpu,
        },
        null,
        2,
      ),
    );
    return;
  }
  if (r.chromium) {
    log('');
    log('Chromium:');
    printScanTable(log, r.chromium.results, o.methods, o);
  }
  if (r.firefox) {
    log('');
    log('Firefox ESR:');
    printScanTable(log, r.firefox.results, firefoxMethods(o.methods), o);
  }
  log('');
  if (r.firefox) printScanSummary(log, 'Firefox', r.firefox.summary);
  if (r.chromium) {
    printScanSummary(log, 'Chromium', r.chromium.summary);
    const synth = r.chromium.results.find((x) => x.page === SYNTHETIC.name)!;
    log(
      `synthetic 5 MB: mark.js/contexto ${fx(synth.ratios.markjsOverContexto, 1)} (target ≥ 10), naive/contexto ${fx(synth.ratios.naiveOverContexto, 1)}; mentions ${o.methods
        .filter((m) => m !== 'baseline')
        .map((m) => `${m} ${synth.counts[m]}`)
        .join(', ')}, generated ${synthetic.mentions}`,
    );
  }
  log('');
  for (const fv of [r.firstView, r.firstViewFirefox]) {
    if (!fv?.length) continue;
    log(`DOMContentLoaded → first highlight in the first viewport, ${fv[0]!.browser} (target ≤ 50 ms):`);
    for (const x of fv)
      log(`  ${x.page.padEnd(24)} median ${x.medianMs.toFixed(0)} ms, fastest ${x.minMs.toFixed(0)} ms`);
  }
  log(`bundle: ${JSON.stringify(bundleSize)}`);
  log('');
  printMarkdown(log, r, o);
  log(
    `machine: ${JSON.stringify(machine())}; wall ${seconds.toFixed(0)} s; CPU ${cpu === null ? '?' : cpu.toFixed(0)} s (this process and the browsers it ran)`,
  );
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
