/**
 * The preparation every command that needs a browser goes through (npm test, demo, bench,
 * test:pages; the browser tests' global setup checks the same): finds Chromium and Firefox
 * (scripts/lib/browser-paths.ts); when one is missing and this is Debian/Ubuntu as root,
 * installs Debian's package; otherwise prints one line saying what to install and exits 1.
 *
 *   tsx scripts/ensure-browsers.ts [chromium] [firefox]   (default: both)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { DEBIAN_PACKAGE, findBrowser, realSystem, type BrowserKind } from './lib/browser-paths';

const wanted = process.argv.slice(2).filter((a) => a === 'chromium' || a === 'firefox') as BrowserKind[];
const kinds: BrowserKind[] = wanted.length ? wanted : ['chromium', 'firefox'];

function missing(): BrowserKind[] {
  return kinds.filter((k) => findBrowser(k, realSystem()).path === null);
}

let need = missing();
// An override that points nowhere is the user's to fix: never paper over it with an install.
const badOverride = need
  .map((k) => findBrowser(k, realSystem()))
  .find((f) => f.path === null && / is set to /.test(f.problem));
const canInstall =
  process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get') && !badOverride;
if (need.length && canInstall) {
  const packages = need.map((k) => DEBIAN_PACKAGE[k]);
  console.log(`Installing ${packages.join(' and ')} from Debian packages…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install =
    update.status === 0
      ? spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: ['ignore', 'ignore', 'inherit'], env })
      : update;
  if (install.status !== 0) console.error(`apt-get could not install ${packages.join(' ')}.`);
  need = missing();
}
for (const kind of need) {
  const found = findBrowser(kind, realSystem());
  if (found.path === null) console.error(found.problem);
}
process.exit(need.length ? 1 : 0);
