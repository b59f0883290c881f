import { signIn } from '../config.js';

/**
 * The signed-in user's token for the API, when config.js names an Entra ID app (the deployed page); nothing under
 * hk serve. MSAL (vendored by npm) runs the authorization code flow with PKCE: a page without a session is sent to
 * Microsoft's sign-in and comes back here; afterwards tokens come silently from MSAL's session cache.
 */
let client = null;

function loadMsal() {
  return new Promise((resolve, reject) => {
    if (window.msal) { resolve(window.msal); return; }
    const script = document.createElement('script');
    script.src = new URL('../vendor/msal-browser.min.js', import.meta.url).href;
    script.onload = () => resolve(window.msal);
    script.onerror = () => reject(new Error('The sign-in library could not be loaded.'));
    document.head.append(script);
  });
}

async function msalClient() {
  client ??= (async () => {
    const msal = await loadMsal();
    const app = new msal.PublicClientApplication({
      auth: {
        clientId: signIn.clientId,
        authority: `https://login.microsoftonline.com/${signIn.tenantId}`,
        redirectUri: `${location.origin}/`,
      },
      cache: { cacheLocation: 'sessionStorage' },
    });
    await app.initialize();
    const back = await app.handleRedirectPromise();
    if (back?.account) app.setActiveAccount(back.account);
    return { msal, app };
  })();
  return client;
}

/** Headers that authorise an API call: { Authorization: 'Bearer …' } when signed in; {} without sign-in configured. */
export async function authorization() {
  if (!signIn) return {};
  const { msal, app } = await msalClient();
  const request = { scopes: [signIn.scope] };
  const account = app.getActiveAccount() ?? app.getAllAccounts()[0];
  if (!account) {
    await app.loginRedirect(request);
    return new Promise(() => {}); // the page is leaving for the sign-in
  }
  try {
    const result = await app.acquireTokenSilent({ ...request, account });
    return { Authorization: `Bearer ${result.accessToken}` };
  } catch (error) {
    if (!(error instanceof msal.InteractionRequiredAuthError)) throw error;
    await app.acquireTokenRedirect({ ...request, account });
    return new Promise(() => {});
  }
}

/** True when the page runs deployed, signed in with Entra ID: downloads then go through signed links. */
export const signedIn = signIn !== null;

/**
 * Opens an API link that needs the token (a plain link cannot carry it): fetched with the token, then handed to the
 * browser as a local file, downloaded when the link says so.
 */
export async function openWithToken(href, download) {
  const response = await fetch(href, { headers: await authorization(), cache: 'no-store' });
  if (!response.ok) throw new Error(`The API answered ${response.status} ${response.statusText}.`);
  const file = URL.createObjectURL(await response.blob());
  const anchor = Object.assign(document.createElement('a'), { href: file, target: '_blank', rel: 'noopener' });
  if (download) anchor.download = new URL(href).pathname.split('/').pop();
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(file), 60_000);
}
