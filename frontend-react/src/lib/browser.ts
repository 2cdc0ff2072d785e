/** A full page load of `url` (leaving the single-page app), e.g. to start a server-side sign-in. */
export function loadPage(url: string): void {
  window.location.assign(url);
}
