import { spawnSync } from 'node:child_process';

/** Before any browser test: the same browser preparation as npm test, demo, bench and test:pages. */
export default function setup(): void {
  const run = spawnSync('bash', ['scripts/ensure-browsers.sh'], { stdio: 'inherit' });
  if (run.status !== 0)
    throw new Error(
      'Browsers or X tools missing (see the lines above); the browser tests need Chromium, Firefox, Xvfb and xdotool.',
    );
}
