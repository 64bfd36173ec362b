// Calls to the host's JSON API on the page's own origin. The session cookie is HttpOnly, so
// the browser attaches it to these requests and no script here can read it.

// Sends one request and resolves to {status, data, retryAfter}. `data` is the parsed JSON body,
// or null when there is none. Rejects with a TypeError when the host cannot be reached.
async function request(method, path, body) {
  const init = {
    method,
    headers: { Accept: 'application/json' },
    credentials: 'same-origin',
    cache: 'no-store',
  };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }

  const response = await fetch(path, init);
  let data = null;
  if (response.status !== 204) {
    try {
      data = await response.json();
    } catch {
      data = null; // an error page from a proxy, or an empty body
    }
  }
  return { status: response.status, data, retryAfter: response.headers.get('Retry-After') };
}

export function fetchMe() {
  return request('GET', '/api/me');
}

export function login(username, password) {
  return request('POST', '/api/login', { username, password });
}

export function register(username, password) {
  return request('POST', '/api/register', { username, password });
}

export function logout() {
  return request('POST', '/api/logout');
}

// Returns the sentence to show for a failed API call: the host's own error message when the body
// has one, plus the wait that a Retry-After header requests.
export function errorMessage(result) {
  let message = result.data && typeof result.data.error === 'string'
    ? result.data.error
    : `The host answered with HTTP status ${result.status}.`;
  if (result.status === 429 && result.retryAfter) {
    message += ` Try again in ${result.retryAfter} s.`;
  }
  return message;
}
