import { describe, expect, it } from 'vitest';
import {
  candidatePaths,
  findBrowser,
  findXTool,
  missingLine,
  requireBrowser,
  requireXTool,
  type System,
} from '../../scripts/lib/browser-paths';

/** The browser lookup on fake file systems: a set of executable paths, an environment, a platform. */
function fakeSystem(
  executables: string[],
  env: Record<string, string> = {},
  platform: NodeJS.Platform = 'linux',
  home = '/home/ana',
): System & { asked: string[] } {
  const files = new Set(executables);
  const asked: string[] = [];
  return {
    env,
    platform,
    home,
    asked,
    isExecutable(path) {
      asked.push(path);
      return files.has(path);
    },
  };
}

describe('finding Chromium', () => {
  it("prefers Debian's chromium binary to everything else found", () => {
    const sys = fakeSystem(['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/opt/google/chrome/chrome']);
    expect(findBrowser('chromium', sys)).toEqual({ path: '/usr/lib/chromium/chromium', via: 'install place' });
  });

  it('finds Ubuntu snaps, older Ubuntu packages and Google Chrome on Linux', () => {
    expect(findBrowser('chromium', fakeSystem(['/snap/bin/chromium'])).path).toBe('/snap/bin/chromium');
    expect(findBrowser('chromium', fakeSystem(['/usr/lib/chromium-browser/chromium-browser'])).path).toBe(
      '/usr/lib/chromium-browser/chromium-browser',
    );
    expect(findBrowser('chromium', fakeSystem(['/opt/google/chrome/chrome'])).path).toBe('/opt/google/chrome/chrome');
    expect(findBrowser('chromium', fakeSystem(['/usr/bin/google-chrome-stable'])).path).toBe(
      '/usr/bin/google-chrome-stable',
    );
  });

  it('finds Chromium or Google Chrome on macOS, in /Applications or ~/Applications', () => {
    expect(
      findBrowser(
        'chromium',
        fakeSystem(['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'], {}, 'darwin'),
      ).path,
    ).toBe('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(
      findBrowser(
        'chromium',
        fakeSystem(['/Users/ana/Applications/Chromium.app/Contents/MacOS/Chromium'], {}, 'darwin', '/Users/ana'),
      ).path,
    ).toBe('/Users/ana/Applications/Chromium.app/Contents/MacOS/Chromium');
    // Linux places mean nothing on a Mac.
    expect(findBrowser('chromium', fakeSystem(['/usr/lib/chromium/chromium'], {}, 'darwin')).path).toBeNull();
  });

  it('looks on PATH last', () => {
    const sys = fakeSystem(['/home/ana/bin/chromium'], { PATH: '/usr/local/bin:/home/ana/bin' });
    expect(findBrowser('chromium', sys)).toEqual({ path: '/home/ana/bin/chromium', via: 'PATH' });
  });

  it('CONTEXTO_CHROMIUM overrides, and one that points nowhere is an error, not a silent fallback', () => {
    const sys = fakeSystem(['/usr/lib/chromium/chromium', '/custom/chrome'], { CONTEXTO_CHROMIUM: '/custom/chrome' });
    expect(findBrowser('chromium', sys)).toEqual({ path: '/custom/chrome', via: 'CONTEXTO_CHROMIUM' });
    const wrong = findBrowser(
      'chromium',
      fakeSystem(['/usr/lib/chromium/chromium'], { CONTEXTO_CHROMIUM: '/nowhere/chrome' }),
    );
    expect(wrong).toEqual({
      path: null,
      problem: 'CONTEXTO_CHROMIUM is set to /nowhere/chrome, which is not an executable file: fix or unset it.',
    });
    // The older name still works.
    expect(findBrowser('chromium', fakeSystem(['/x/chromium'], { CHROMIUM_PATH: '/x/chromium' })).path).toBe(
      '/x/chromium',
    );
  });

  it('says in one line what to install when none is found', () => {
    const none = findBrowser('chromium', fakeSystem([]));
    expect(none.path).toBeNull();
    const line = (none as { problem: string }).problem;
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toBe(
      'No Chromium or Google Chrome found: install it with: sudo apt-get install -y chromium (Debian/Ubuntu), or set CONTEXTO_CHROMIUM=/path/to/its/executable.',
    );
    expect(missingLine('chromium', 'darwin')).toContain('brew install --cask chromium');
    expect(() => requireBrowser('chromium', fakeSystem([]))).toThrow(/^No Chromium or Google Chrome found/);
  });
});

describe('finding Firefox', () => {
  it("prefers Debian's firefox-esr, then Firefox from packages, snaps or /opt", () => {
    expect(findBrowser('firefox', fakeSystem(['/usr/bin/firefox-esr', '/usr/bin/firefox'])).path).toBe(
      '/usr/bin/firefox-esr',
    );
    expect(findBrowser('firefox', fakeSystem(['/usr/bin/firefox'])).path).toBe('/usr/bin/firefox');
    expect(findBrowser('firefox', fakeSystem(['/snap/bin/firefox'])).path).toBe('/snap/bin/firefox');
    expect(findBrowser('firefox', fakeSystem(['/opt/firefox/firefox'])).path).toBe('/opt/firefox/firefox');
  });

  it('finds Firefox.app on macOS', () => {
    expect(
      findBrowser('firefox', fakeSystem(['/Applications/Firefox.app/Contents/MacOS/firefox'], {}, 'darwin')).path,
    ).toBe('/Applications/Firefox.app/Contents/MacOS/firefox');
  });

  it('CONTEXTO_FIREFOX (or FIREFOX_PATH) overrides', () => {
    expect(
      findBrowser('firefox', fakeSystem(['/usr/bin/firefox-esr', '/ff/firefox'], { CONTEXTO_FIREFOX: '/ff/firefox' }))
        .path,
    ).toBe('/ff/firefox');
    expect(findBrowser('firefox', fakeSystem(['/ff/firefox'], { FIREFOX_PATH: '/ff/firefox' })).path).toBe(
      '/ff/firefox',
    );
  });

  it('says what to install when missing', () => {
    expect((findBrowser('firefox', fakeSystem([])) as { problem: string }).problem).toBe(
      'No Firefox found: install it with: sudo apt-get install -y firefox-esr (Debian/Ubuntu), or set CONTEXTO_FIREFOX=/path/to/its/executable.',
    );
    expect(missingLine('firefox', 'darwin')).toContain('brew install --cask firefox');
  });

  it('never looks at Chromium places for Firefox', () => {
    const sys = fakeSystem([]);
    findBrowser('firefox', sys);
    expect(sys.asked.some((p) => /chrom/i.test(p))).toBe(false);
    expect(candidatePaths('firefox', 'linux', '/h').every((p) => /firefox/.test(p))).toBe(true);
  });
});

describe('finding the X tools of the real-shortcut test', () => {
  it('finds Xvfb and xdotool on PATH', () => {
    const sys = fakeSystem(['/usr/bin/Xvfb', '/usr/local/bin/xdotool'], { PATH: '/usr/local/bin:/usr/bin' });
    expect(findXTool('Xvfb', sys)).toEqual({ path: '/usr/bin/Xvfb', via: 'PATH' });
    expect(findXTool('xdotool', sys)).toEqual({ path: '/usr/local/bin/xdotool', via: 'PATH' });
  });

  it('says which Debian package to install when missing', () => {
    expect((findXTool('Xvfb', fakeSystem([], { PATH: '/usr/bin' })) as { problem: string }).problem).toContain(
      'sudo apt-get install -y xvfb',
    );
    expect(() => requireXTool('xdotool', fakeSystem([], { PATH: '/usr/bin' }))).toThrow(
      'sudo apt-get install -y xdotool',
    );
  });
});
