// Where the API is and how the page signs in. Here, for hk serve: same-origin '/api', no sign-in. The deployed page
// gets its own config.js from scripts/deploy/stage-web.mjs: the Function App's URL, and the Entra ID app whose token
// it sends ({ clientId, tenantId, scope }). On any other static host, put the API's URL here and allow this origin in
// its CORS settings.
export const apiBase = '/api';
export const signIn = null;
