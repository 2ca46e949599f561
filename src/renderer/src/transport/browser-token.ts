/** Where the browser-mode token is kept for this tab after it is taken out of the address bar. */
export const BROWSER_TOKEN_KEY = 'mesi.studio.browserToken';

/** The token in a `#token=…` hash (the browser-mode server prints that link), or null. */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const token = params.get('token');
  return token !== null && token.trim() !== '' ? token.trim() : null;
}

export interface TokenPlace {
  readonly location: { readonly hash: string; readonly pathname: string; readonly search: string };
  readonly history: { replaceState(data: unknown, unused: string, url?: string): void };
  readonly storage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

/**
 * The browser-mode token: from the link's hash (then removed from the address bar, so it does not end up in
 * history or screenshots, and kept in sessionStorage for reloads), else the one this tab already kept.
 */
export function takeBrowserToken(place: TokenPlace): string | null {
  const fromHash = tokenFromHash(place.location.hash);
  if (fromHash !== null) {
    place.storage.setItem(BROWSER_TOKEN_KEY, fromHash);
    place.history.replaceState(null, '', place.location.pathname + place.location.search);
    return fromHash;
  }
  return place.storage.getItem(BROWSER_TOKEN_KEY);
}
