// The JSON API of the reconciliation service, called with the person's own credentials (HTTP Basic on every request).
// The credentials live in sessionStorage: this tab only, forgotten on logout or when the tab closes.

const CREDENTIALS = 'parallelrun.console.credentials';
const ME = 'parallelrun.console.me';

/** An HTTP answer that was not a success, with the problem details (RFC 9457) the API sent. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem && (problem.detail || problem.title) ? (problem.detail || problem.title) : `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

function encode(user, password) {
  // UTF-8, then base64: btoa alone fails on anything outside Latin-1
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  bytes.forEach((b) => { binary += String.fromCharCode(b); });
  return btoa(binary);
}

export function me() {
  const stored = sessionStorage.getItem(ME);
  return stored ? JSON.parse(stored) : null;
}

export function canWorkCases() {
  const who = me();
  return !!who && who.roles.some((role) => role === 'OPERATOR' || role === 'ADMIN');
}

/** Checks the credentials with GET /api/v1/me; keeps them only if the service accepts them. */
export async function login(user, password) {
  const token = encode(user, password);
  const answer = await send('/api/v1/me', {}, token);
  sessionStorage.setItem(CREDENTIALS, token);
  sessionStorage.setItem(ME, JSON.stringify(answer.body));
  return answer.body;
}

export function logout() {
  sessionStorage.removeItem(CREDENTIALS);
  sessionStorage.removeItem(ME);
}

export function loggedIn() {
  return sessionStorage.getItem(CREDENTIALS) !== null && me() !== null;
}

async function send(path, options, token) {
  const headers = Object.assign({ Accept: 'application/json' }, options.headers || {});
  if (token) {
    headers.Authorization = `Basic ${token}`;
  }
  // credentials 'omit': no cookies and no browser login prompt on a 401; the Authorization header is ours
  const response = await fetch(path, Object.assign({}, options, { headers, credentials: 'omit', cache: 'no-store' }));
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    throw new ApiError(response.status, body);
  }
  return { status: response.status, body, etag: response.headers.get('ETag') };
}

/** GET with the stored credentials; a 401 means they no longer work: forget them and ask again. */
export async function get(path, params) {
  return request(path + query(params), { method: 'GET' });
}

export async function post(path, body, headers) {
  return request(path, {
    method: 'POST',
    headers: Object.assign({ 'Content-Type': 'application/json' }, headers || {}),
    body: JSON.stringify(body),
  });
}

async function request(path, options) {
  try {
    return await send(path, options, sessionStorage.getItem(CREDENTIALS));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      logout();
      window.dispatchEvent(new CustomEvent('console:logged-out', { detail: 'Your session ended: please log in again.' }));
    }
    throw error;
  }
}

export function query(params) {
  if (!params) {
    return '';
  }
  const search = new URLSearchParams();
  Object.entries(params).forEach(([key, value]) => {
    if (value !== undefined && value !== null && value !== '') {
      search.set(key, value);
    }
  });
  const text = search.toString();
  return text ? `?${text}` : '';
}
