/** Every service call goes below this path; the dev server proxies it to the backend. */
export const API_BASE_PATH = '/api';

/** Name of the cookie the service sets for the double-submit CSRF check. */
export const CSRF_COOKIE_NAME = 'csrf_token';

/** Header that carries the CSRF cookie's value on unsafe requests. */
export const CSRF_HEADER_NAME = 'X-CSRF-Token';

/** Header that picks the workspace a signed-in user's request acts on. */
export const WORKSPACE_HEADER_NAME = 'X-Workspace-Id';
