// The REST API client. The write token comes from the URL the server printed (#token=…) and stays in this tab.

const TOKEN_KEY = 'dossier.token';

export class ApiError extends Error {
  constructor(status, message, details) {
    super(message);
    this.status = status;
    this.details = details || [];
  }
}

export function captureToken() {
  const m = location.hash.match(/^#token=([A-Za-z0-9_\-.~]+)/);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, m[1]);
    history.replaceState(null, '', `${location.pathname}#/`);
  }
}

export const getToken = () => sessionStorage.getItem(TOKEN_KEY) || '';
export const setToken = (t) => sessionStorage.setItem(TOKEN_KEY, t.trim());

function url(path, params) {
  const u = new URL(path, location.origin);
  for (const [key, value] of Object.entries(params || {})) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) if (v !== undefined && v !== null && v !== '') u.searchParams.append(key, v);
  }
  return u;
}

async function answer(response) {
  let body = null;
  try { body = await response.json(); } catch { body = null; }
  if (!response.ok) {
    const err = body && body.error;
    throw new ApiError(response.status, err ? err.message : `HTTP ${response.status}`, err && err.details);
  }
  return body;
}

export async function get(path, params) {
  return answer(await fetch(url(path, params), { headers: { Accept: 'application/json' } }));
}

export async function post(path, body, { params, contentType } = {}) {
  const headers = { Accept: 'application/json', Authorization: `Bearer ${getToken()}` };
  if (contentType) headers['Content-Type'] = contentType;
  return answer(await fetch(url(path, params), { method: 'POST', headers, body }));
}
