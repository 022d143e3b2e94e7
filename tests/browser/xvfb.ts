import { spawn, spawnSync } from 'node:child_process';
import { requireXTool } from '../../scripts/lib/browser-paths';

/** A virtual X display (Xvfb) and real key events into it (xdotool). */
export interface VirtualDisplay {
  /** `:N`, for DISPLAY. */
  display: string;
  /**
   * Presses a chord (xdotool names, e.g. `alt+shift+k`) as X key events to the focused window.
   * Unlike playwright's `keyboard.press` (CDP Input.dispatchKeyEvent, which goes straight to the
   * page), these pass through the browser's own accelerators, extension commands included.
   */
  key(chord: string): void;
  close(): Promise<void>;
}

/** Starts Xvfb on a free display (it picks the number and tells it on a pipe). */
export async function startXvfb(): Promise<VirtualDisplay> {
  const xdotool = requireXTool('xdotool');
  const xvfb = spawn(requireXTool('Xvfb'), ['-displayfd', '1', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const display = await new Promise<string>((ok, fail) => {
    xvfb.stdout.once('data', (d) => ok(`:${String(d).trim()}`));
    xvfb.once('exit', (code) => fail(new Error(`Xvfb exited (${code}) before opening a display`)));
  });
  return {
    display,
    key(chord) {
      const run = spawnSync(xdotool, ['key', chord], { env: { ...process.env, DISPLAY: display }, encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`xdotool key ${chord} failed: ${run.stderr}`);
    },
    close: () =>
      new Promise<void>((ok) => {
        if (xvfb.exitCode !== null) return ok();
        xvfb.once('exit', () => ok());
        xvfb.kill();
      }),
  };
}
