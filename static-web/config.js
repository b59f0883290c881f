// The one setting: where the API is. Same-origin '/api' on hk serve and on Static Web Apps (its linked backend);
// on any other static host put the Function App's URL here and allow this origin in its CORS settings.
export const apiBase = '/api';
