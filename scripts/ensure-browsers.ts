/**
 * The preparation every command that needs a browser goes through (npm test, demo, bench,
 * test:pages; the browser tests' global setup checks the same): finds Chromium and Firefox
 * (scripts/lib/browser-paths.ts), and Xvfb and xdotool for the real-shortcut browser test;
 * when one is missing and this is Debian/Ubuntu as root, installs Debian's package; otherwise
 * prints one line saying what to install and exits 1.
 *
 *   tsx scripts/ensure-browsers.ts [chromium] [firefox] [xvfb]   (default: all three)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  DEBIAN_PACKAGE,
  findBrowser,
  findXTool,
  type Lookup,
  realSystem,
  X_TOOLS,
  type XTool,
} from './lib/browser-paths';

interface Need {
  find(): Lookup;
  debianPackage: string;
}

const browser = (kind: 'chromium' | 'firefox'): Need => ({
  find: () => findBrowser(kind, realSystem()),
  debianPackage: DEBIAN_PACKAGE[kind],
});
const xTool = (tool: XTool): Need => ({ find: () => findXTool(tool, realSystem()), debianPackage: X_TOOLS[tool] });
const NEEDS: Record<string, Need[]> = {
  chromium: [browser('chromium')],
  firefox: [browser('firefox')],
  xvfb: [xTool('Xvfb'), xTool('xdotool')],
};

const named = process.argv.slice(2).filter((a) => a in NEEDS);
const needs = (named.length ? named : Object.keys(NEEDS)).flatMap((name) => NEEDS[name]!);

const missing = () => needs.filter((n) => n.find().path === null);

let need = missing();
// An override that points nowhere is the user's to fix: never paper over it with an install.
const badOverride = need.map((n) => n.find()).find((f) => f.path === null && / is set to /.test(f.problem));
const canInstall =
  process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get') && !badOverride;
if (need.length && canInstall) {
  const packages = need.map((n) => n.debianPackage);
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
for (const n of need) {
  const found = n.find();
  if (found.path === null) console.error(found.problem);
}
process.exit(need.length ? 1 : 0);
