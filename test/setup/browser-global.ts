import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath } from '../browser/harness.js';

/**
 * Runs once before the browser suite: builds the portals as `npm start` would (the
 * server under test serves dist/web), and insists on Debian's Chromium: the suite never
 * downloads a browser, and a missing one fails the run instead of skipping it.
 */
export default function prepareBrowserSuite() {
  const chromium = chromiumPath();
  if (!existsSync(chromium)) {
    throw new Error(
      `Chromium not found at ${chromium}: install Debian's package (apt-get install chromium) ` +
        'or set CHROMIUM_PATH; .ci/run installs it when missing',
    );
  }
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
