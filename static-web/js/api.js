import { apiBase } from '../config.js';
import { authorization } from './signin.js';

/** An API failure carrying the RFC 7807 problem's detail, so the page can say what went wrong. */
export class ApiError extends Error {
  constructor(status, title, detail, parameter) {
    super(detail || title || `HTTP ${status}`);
    this.status = status;
    this.title = title;
    this.parameter = parameter;
  }
}

export const url = (path, query = '') => `${apiBase}/${path}${query ? `?${query}` : ''}`;

async function problem(response) {
  let body = null;
  try { body = await response.json(); } catch { /* not JSON */ }
  return new ApiError(response.status, body?.title ?? response.statusText, body?.detail, body?.parameter);
}

async function send(method, path, { query = '', json, body, headers = {} } = {}) {
  let response;
  const auth = await authorization();
  try {
    response = await fetch(url(path, query), {
      method,
      headers: { ...auth, ...(json === undefined ? headers : { 'Content-Type': 'application/json', ...headers }) },
      body: json === undefined ? body : JSON.stringify(json),
      cache: 'no-store',
    });
  } catch (error) {
    throw new ApiError(0, 'Network error', `The API at ${apiBase} could not be reached (${error.message}).`);
  }
  if (!response.ok) throw await problem(response);
  return response.status === 204 ? null : response.json();
}

export const getJson = (path, query) => send('GET', path, { query });
export const postJson = (path, json) => send('POST', path, { json });
export const remove = (path) => send('DELETE', path);
export const postBody = (path, body) => send('POST', path, { body, headers: { 'Content-Type': 'text/csv' } });
