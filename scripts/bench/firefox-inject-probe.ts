/**
 * Probe (issue 12, Firefox first view): when does the full content script reach the top frame of a
 * long page that parses, per way of loading it. Builds a probe extension from a Firefox build: its
 * content script replaced by scripts/bench/firefox-inject-probe/probe.js (top frame, document_start),
 * a second background script (probe-bg.js), `scripting` and the content script's hosts. Per load
 * (`?probe=<mode>`) the probe content script logs times relative to DOMContentLoaded with the
 * readyState (l/i/c); `gap N` is a setTimeout(5) tick that came N ms late (the main thread busy).
 * Modes: none, import, import-tiny, fetch, fetch-then-import, import-at-dcl, ping (a message round
 * trip), exec (scripting.executeScript injectImmediately), exec-late, exec-small, exec-at-dcl,
 * tabsexec, tabsexec-small, synclocal, localsync (storage reads).
 *
 *   npx tsx scripts/bench/firefox-inject-probe.ts [build dir] [modes] [loads] [pages: wikipedia-2,yahoo-2,synthetic,hold]
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchFirefox } from '../lib/firefox';
import { corpusDir, corpusPages } from '../lib/corpus';
import { NO_PAGE_SCRIPTS_CSP, startServer } from '../lib/server';
import { loadFactSheetDir } from '../../src/factsheet/load-files';
import { withFirstParagraph } from './firstview';
import { syntheticPage } from './synthetic';
import { sleep } from './common';

const build = process.argv[2] ?? '.output/firefox-mv2';
const dir = mkdtempSync(join(tmpdir(), 'contexto-inject-probe-'));
cpSync(build, dir, { recursive: true });
for (const f of ['probe.js', 'probe-bg.js', 'probe-mark.js', 'probe-before.js', 'probe-tiny.js'])
  cpSync(join(import.meta.dirname, 'firefox-inject-probe', f), join(dir, f));
{
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  manifest.background.scripts.push('probe-bg.js');
  manifest.permissions = [...new Set([...manifest.permissions, 'scripting', 'http://*/*', 'https://*/*'])];
  manifest.web_accessible_resources.push('probe-tiny.js');
  manifest.content_scripts = [{ matches: ['http://*/*', 'https://*/*'], run_at: 'document_start', js: ['probe.js'] }];
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
}
const modes = (process.argv[3] ?? 'none,import,fetch,fetch-then-import,ping,exec,exec-small,tabsexec').split(',');
const loads = Number(process.argv[4] ?? 2);
const pagesWanted = (process.argv[5] ?? 'wikipedia-2,synthetic').split(',');

const server = await startServer(corpusDir());
const csp = { 'content-security-policy': NO_PAGE_SCRIPTS_CSP };
const pages: string[] = [];
for (const p of corpusPages()) {
  const name = p.file.replace(/\.html$/, '');
  if (!pagesWanted.includes(name)) continue;
  server.put(`/fv/${name}.html`, {
    type: 'text/html; charset=utf-8',
    body: withFirstParagraph(readFileSync(p.path, 'utf8')),
    headers: csp,
  });
  pages.push(`/fv/${name}.html`);
}
if (pagesWanted.includes('synthetic')) {
  server.put('/synthetic.html', {
    type: 'text/html; charset=utf-8',
    body: syntheticPage(loadFactSheetDir()).html,
    headers: csp,
  });
  pages.push('/synthetic.html');
}
if (pagesWanted.includes('hold')) {
  const { createServer } = await import('node:http');
  const holdServer = createServer((req, res) => {
    if (req.url?.startsWith('/hold.js'))
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        res.end('1;');
      }, 3000);
    else {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(
        '<!doctype html><html><head><title>h</title></head><body><p>Officials discussed the Sinaloa Cartel.</p><script src="/hold.js"></script><p>after</p></body></html>',
      );
    }
  });
  await new Promise<void>((ok) => holdServer.listen(0, '127.0.0.1', ok));
  const port = (holdServer.address() as { port: number }).port;
  pages.push(`http://127.0.0.1:${port}/hold.html`);
}
const ff = await launchFirefox({
  extensionDir: dir,
  viewport: { width: 1280, height: 900 },
  prefs: { 'privacy.reduceTimerPrecision': false },
});
try {
  const page = await ff.newPage([], { intercept: false });
  await sleep(1000);
  await page.goto(`${pages[0]!.startsWith('http') ? '' : server.origin}${pages[0]}?probe=none`, {
    waitUntil: 'load',
    timeout: 120_000,
  });
  for (const path of pages) {
    for (let i = 0; i < loads; i++) {
      for (const mode of modes) {
        await page.goto(`${path.startsWith('http') ? '' : server.origin}${path}?probe=${mode}`, {
          waitUntil: 'load',
          timeout: 120_000,
        });
        const h = await page.waitForFunction(() => document.documentElement.getAttribute('data-ff7probe'), {
          timeout: 30_000,
          polling: 50,
        });
        const r = JSON.parse((await h.jsonValue()) as string) as { mode: string; log: [string, number, string][] };
        const dcl = r.log.find((x) => x[0] === 'dcl')?.[1] ?? 0;
        console.log(
          `${path} ${mode}#${i}: ${r.log.map(([n, t, s]) => `${n}@${(t - dcl).toFixed(0)}${s}`).join(' | ')}`,
        );
      }
    }
  }
} finally {
  await ff.close();
  await server.close();
  process.exit(0);
}
