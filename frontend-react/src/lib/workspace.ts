/**
 * The workspace the console acts on, kept in localStorage so it survives reloads and new tabs.
 * Null means "the user's default workspace" (no header sent). Storage can be unavailable (private
 * mode, blocked cookies): the console then simply uses the default.
 */
const STORAGE_KEY = 'minirag.workspaceId';

export function getWorkspaceId(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function setWorkspaceId(id: string | null): void {
  try {
    if (id) {
      window.localStorage.setItem(STORAGE_KEY, id);
    } else {
      window.localStorage.removeItem(STORAGE_KEY);
    }
  } catch {
    // Not stored: the choice lasts until the next reload.
  }
}
