import { paths } from '@/config/paths';

/**
 * Where to go back to after signing in. The server always lands a fresh sign-in on the console
 * home, so the console keeps the route the user was on in sessionStorage (this tab only).
 */
const STORAGE_KEY = 'minirag.returnTo';

/** Only paths inside the console: no scheme, no protocol-relative `//host`, not the sign-in screen. */
export function isConsolePath(path: string): boolean {
  return (
    path.startsWith('/') &&
    !path.startsWith('//') &&
    !path.startsWith(paths.signIn.path)
  );
}

export function rememberReturnPath(path: string): void {
  if (!isConsolePath(path) || path === paths.home.path) {
    return;
  }
  try {
    window.sessionStorage.setItem(STORAGE_KEY, path);
  } catch {
    // Without storage the user lands on the home page after signing in.
  }
}

/** Reads and forgets the remembered path. */
export function takeReturnPath(): string | null {
  try {
    const path = window.sessionStorage.getItem(STORAGE_KEY);
    window.sessionStorage.removeItem(STORAGE_KEY);
    return path && isConsolePath(path) ? path : null;
  } catch {
    return null;
  }
}
