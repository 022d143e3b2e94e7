/**
 * Where the browsers are: found, not assumed. `CONTEXTO_CHROMIUM` / `CONTEXTO_FIREFOX`
 * override (an override that is not an executable file is an error, not a fallback);
 * otherwise the usual install places of Debian/Ubuntu packages, Google Chrome and Firefox
 * on Linux and macOS, then the same program names on PATH. Every command that needs a
 * browser (demo, bench, test:pages, the browser tests) resolves it here, after
 * scripts/ensure-browsers.ts has run. The file system is passed in, so the unit tests
 * (tests/unit/browser-paths.test.ts) run it on fake ones.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type BrowserKind = 'chromium' | 'firefox';

export interface System {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  home: string;
  /** True for an existing, executable regular file. */
  isExecutable(path: string): boolean;
}

/** Environment variables that name a browser, first wins (the older names still work). */
export const ENV_VARS: Readonly<Record<BrowserKind, readonly string[]>> = {
  chromium: ['CONTEXTO_CHROMIUM', 'CHROMIUM_PATH'],
  firefox: ['CONTEXTO_FIREFOX', 'FIREFOX_PATH'],
};

/** The Debian package `scripts/ensure-browsers.ts` installs when it may (root on Debian/Ubuntu). */
export const DEBIAN_PACKAGE: Readonly<Record<BrowserKind, string>> = { chromium: 'chromium', firefox: 'firefox-esr' };

const LABEL: Readonly<Record<BrowserKind, string>> = { chromium: 'Chromium or Google Chrome', firefox: 'Firefox' };

/** Install places to look at, in order of preference, for a platform. */
export function candidatePaths(kind: BrowserKind, platform: NodeJS.Platform, home: string): string[] {
  if (platform === 'darwin') {
    const apps = (name: string, binary: string) => [
      `/Applications/${name}.app/Contents/MacOS/${binary}`,
      join(home, 'Applications', `${name}.app/Contents/MacOS/${binary}`),
    ];
    return kind === 'chromium'
      ? [
          ...apps('Chromium', 'Chromium'),
          ...apps('Google Chrome for Testing', 'Google Chrome for Testing'),
          ...apps('Google Chrome', 'Google Chrome'),
          ...apps('Google Chrome Canary', 'Google Chrome Canary'),
        ]
      : [
          ...apps('Firefox', 'firefox'),
          ...apps('Firefox Developer Edition', 'firefox'),
          ...apps('Firefox Nightly', 'firefox'),
        ];
  }
  if (platform === 'win32') return [];
  return kind === 'chromium'
    ? [
        '/usr/lib/chromium/chromium', // Debian `chromium`
        '/usr/lib/chromium-browser/chromium-browser', // older Ubuntu
        '/usr/bin/chromium',
        '/usr/bin/chromium-browser',
        '/snap/bin/chromium', // Ubuntu (snap)
        '/opt/google/chrome/chrome', // Google Chrome .deb / .rpm
        '/usr/bin/google-chrome-stable',
        '/usr/bin/google-chrome',
      ]
    : [
        '/usr/bin/firefox-esr', // Debian `firefox-esr`
        '/usr/lib/firefox-esr/firefox-esr',
        '/usr/bin/firefox',
        '/usr/lib/firefox/firefox',
        '/snap/bin/firefox', // Ubuntu (snap)
        '/opt/firefox/firefox', // Mozilla's tarball, the usual place
      ];
}

/** Program names to look for on PATH when no install place has one. */
export const PATH_NAMES: Readonly<Record<BrowserKind, readonly string[]>> = {
  chromium: ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'],
  firefox: ['firefox-esr', 'firefox'],
};

export type Lookup = { path: string; via: string } | { path: null; problem: string };

/** Finds a browser on `sys`; never throws. */
export function findBrowser(kind: BrowserKind, sys: System): Lookup {
  for (const name of ENV_VARS[kind]) {
    const value = sys.env[name];
    if (!value) continue;
    if (sys.isExecutable(value)) return { path: value, via: name };
    return { path: null, problem: `${name} is set to ${value}, which is not an executable file: fix or unset it.` };
  }
  for (const path of candidatePaths(kind, sys.platform, sys.home))
    if (sys.isExecutable(path)) return { path, via: 'install place' };
  const onPath = findOnPath(PATH_NAMES[kind], sys);
  return onPath ? { path: onPath, via: 'PATH' } : { path: null, problem: missingLine(kind, sys.platform) };
}

/** The first of `names` that is an executable in a PATH folder, or null. */
function findOnPath(names: readonly string[], sys: System): string | null {
  const dirs = (sys.env.PATH ?? '').split(sys.platform === 'win32' ? ';' : ':').filter(Boolean);
  for (const name of names) for (const dir of dirs) if (sys.isExecutable(join(dir, name))) return join(dir, name);
  return null;
}

/**
 * The X tools the real-shortcut test (tests/browser/chromium-shortcut.test.ts) needs: a virtual
 * display for headed Chromium, and real key events into it. Keys: the program; values: its Debian package.
 */
export const X_TOOLS = { Xvfb: 'xvfb', xdotool: 'xdotool' } as const;
export type XTool = keyof typeof X_TOOLS;

/** Finds an X tool on PATH; never throws. */
export function findXTool(tool: XTool, sys: System): Lookup {
  const path = findOnPath([tool], sys);
  return path
    ? { path, via: 'PATH' }
    : {
        path: null,
        problem: `No ${tool} found (the keyboard-shortcut browser test needs it): install it with: sudo apt-get install -y ${X_TOOLS[tool]} (Debian/Ubuntu).`,
      };
}

/** The one line said when a browser is missing: what to install, or which variable to set. */
export function missingLine(kind: BrowserKind, platform: NodeJS.Platform): string {
  const how =
    platform === 'darwin'
      ? kind === 'chromium'
        ? 'install Chromium or Google Chrome (e.g. brew install --cask chromium)'
        : 'install Firefox (e.g. brew install --cask firefox)'
      : `install it with: sudo apt-get install -y ${DEBIAN_PACKAGE[kind]} (Debian/Ubuntu)`;
  return `No ${LABEL[kind]} found: ${how}, or set ${ENV_VARS[kind][0]}=/path/to/its/executable.`;
}

/** This machine. */
export function realSystem(): System {
  return {
    env: process.env,
    platform: process.platform,
    home: homedir(),
    isExecutable(path) {
      try {
        if (!statSync(path).isFile()) return false;
        accessSync(path, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** The browser's path on this machine, or throws the one clear line. */
export function requireBrowser(kind: BrowserKind, sys: System = realSystem()): string {
  return pathOrThrow(findBrowser(kind, sys));
}

/** An X tool's path on this machine, or throws the one clear line. */
export function requireXTool(tool: XTool, sys: System = realSystem()): string {
  return pathOrThrow(findXTool(tool, sys));
}

function pathOrThrow(found: Lookup): string {
  if (found.path === null) throw new Error(found.problem);
  return found.path;
}

/** The browser's path on this machine, or '' (for reports; launching calls `requireBrowser`). */
export function browserPathOrEmpty(kind: BrowserKind): string {
  const found = findBrowser(kind, realSystem());
  return found.path ?? '';
}
