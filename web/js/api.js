// The REST API under /api/v1, and the signed-in session. The console talks to nothing else.
// The session token lives in sessionStorage: it ends with the tab, and the server ends it anyway
// after its fixed lifetime.

const BASE = '/api/v1';
const SESSION_KEY = 'scepter.session';

// An answer that is not a success. `fields` maps a request field to the API's message about it
// (from the problem details' "errors"), so forms can show it beside the field.
class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem.code || '';
    this.title = problem.title || '';
    this.fields = {};
    for (const item of problem.errors || []) {
      if (item.field) this.fields[item.field] = item.detail || problem.detail;
    }
  }
}

let session = readSession();

function readSession() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
    if (stored && Date.parse(stored.expires_at) > Date.now()) return stored;
  } catch {
    // A damaged entry is the same as none.
  }
  sessionStorage.removeItem(SESSION_KEY);
  return null;
}

function endSession() {
  session = null;
  sessionStorage.removeItem(SESSION_KEY);
}

export function currentAdmin() {
  return session ? session.admin : null;
}

export function isMrao() {
  return session?.admin.role === 'mrao';
}

export async function signIn(username, password) {
  const created = await request('POST', '/sessions', { username, password });
  session = created;
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(created));
  return created.admin;
}

export async function signOut() {
  try {
    if (session) await request('DELETE', '/sessions/current');
  } finally {
    endSession();
  }
}

function queryString(params = {}) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function problemOf(response) {
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      return await response.json();
    } catch {
      // fall through to the status line
    }
  }
  const text = (await response.text().catch(() => '')).trim();
  return { title: response.statusText, detail: text || `${response.status} ${response.statusText}` };
}

// One call. JSON in, JSON out; `as: 'blob'` for downloads. A 401 ends the session and tells the
// shell, which shows the sign-in screen.
export async function request(method, path, body, { as = 'json' } = {}) {
  const headers = { Accept: as === 'json' ? 'application/json' : '*/*' };
  if (session) headers.Authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(BASE + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (error) {
    throw new ApiError(0, { title: 'Network error', detail: `The server could not be reached (${error.message}).` });
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401 && session) {
      endSession();
      window.dispatchEvent(new CustomEvent('scepter:signed-out', { detail: problem.detail }));
    }
    throw new ApiError(response.status, problem);
  }
  if (response.status === 204) return null;
  if (as === 'blob') return response.blob();
  return response.json();
}

export const api = {
  get: (path, params) => request('GET', path + queryString(params)),
  post: (path, body = {}) => request('POST', path, body),
  patch: (path, body) => request('PATCH', path, body),
  put: (path, body) => request('PUT', path, body),
  del: (path, params) => request('DELETE', path + queryString(params)),
  blob: (path, params) => request('GET', path + queryString(params), undefined, { as: 'blob' }),
};

// Every item of a list route ({items,total}) that fits in one request of the largest page.
export async function listAll(path, params = {}) {
  const page = await api.get(path, { limit: 1000, ...params });
  return page.items;
}

export function segment(value) {
  return encodeURIComponent(value);
}
