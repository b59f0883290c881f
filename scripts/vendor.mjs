// Copies the dashboard's browser libraries from node_modules into static-web/vendor/ (git-ignored), so the page works
// offline with no CDN. Runs as npm's postinstall, so `npm ci` (scripts/test.sh, hk serve's first run) does it.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = [
  ['node_modules/chart.js/dist/chart.umd.js', 'static-web/vendor/chart.umd.js'],
  ['node_modules/chart.js/LICENSE.md', 'static-web/vendor/chart.js.LICENSE.md'],
  // Entra ID sign-in for the deployed page (static-web/js/signin.js loads it only when config.js names an app).
  ['node_modules/@azure/msal-browser/lib/msal-browser.min.js', 'static-web/vendor/msal-browser.min.js'],
  ['node_modules/@azure/msal-browser/LICENSE', 'static-web/vendor/msal-browser.LICENSE'],
];

mkdirSync(join(root, 'static-web', 'vendor'), { recursive: true });
for (const [from, to] of files) {
  copyFileSync(join(root, from), join(root, to));
  console.log(`vendored ${from} -> ${to}`);
}
