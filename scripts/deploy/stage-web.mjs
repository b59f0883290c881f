// Stages the page for Static Web Apps: static-web/ (with the libraries npm vendored into it) is copied to build/web (or
// OUT_DIR), and its config.js is replaced by the deployed one: the API is the Function App itself (API_BASE_URL), and
// people sign in with Entra ID (ENTRA_CLIENT_ID, ENTRA_TENANT_ID), so the page sends their token. azd runs this before
// it packages the web service (azure.yaml); without azd, run it with those variables (docs/deploy.md). hk serve keeps
// serving static-web/ as it is, same-origin and without sign-in. Usage: node scripts/deploy/stage-web.mjs [OUT_DIR]
import { cpSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const source = join(root, 'static-web');
const target = process.argv[2] ?? join(root, 'build', 'web');

const fail = (message) => { console.error(`stage-web: ${message}`); process.exit(1); };

const missing = ['API_BASE_URL', 'ENTRA_CLIENT_ID', 'ENTRA_TENANT_ID'].filter((name) => !process.env[name]);
if (missing.length) fail(`set ${missing.join(', ')} (outputs of infra/main.bicep; azd sets them).`);
const apiBase = process.env.API_BASE_URL.replace(/\/+$/, '');
if (!/^https:\/\/[^/]+\/api$/.test(apiBase)) fail(`API_BASE_URL must be https://<function app host>/api, not '${apiBase}'.`);
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const { ENTRA_CLIENT_ID: clientId, ENTRA_TENANT_ID: tenantId } = process.env;
if (!guid.test(clientId) || !guid.test(tenantId)) fail('ENTRA_CLIENT_ID and ENTRA_TENANT_ID must be GUIDs.');
for (const lib of ['chart.umd.js', 'msal-browser.min.js']) {
  if (!existsSync(join(source, 'vendor', lib))) fail(`static-web/vendor/${lib} is missing: run npm ci first.`);
}

rmSync(target, { recursive: true, force: true });
cpSync(source, target, { recursive: true });
const signIn = { clientId, tenantId, scope: `api://${clientId}/access_as_user` };
writeFileSync(join(target, 'config.js'), `// Written by scripts/deploy/stage-web.mjs for the deployed page (docs/deploy.md).
export const apiBase = ${JSON.stringify(apiBase)};
export const signIn = ${JSON.stringify(signIn)};
`);
console.log(`stage-web: ${target} is static-web/ calling ${apiBase} with Entra ID sign-in (client ${clientId}).`);
