/** The pages of the fan web app, matched from a URL path. */
export type Route =
  | { readonly page: 'home' }
  | { readonly page: 'creator'; readonly handle: string }
  | { readonly page: 'signIn' }
  | { readonly page: 'signUp' }
  | { readonly page: 'notFound' };

/** Maps a pathname (no query, no hash) to the page it shows; anything unknown is `notFound`. */
export function matchRoute(pathname: string): Route {
  // One trailing slash is forgiven (`/signin/`), so shared links with it still work.
  const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  if (path === '' || path === '/') return { page: 'home' };
  if (path === '/signin') return { page: 'signIn' };
  if (path === '/signup') return { page: 'signUp' };

  const creator = /^\/c\/([^/]+)$/.exec(path);
  if (creator?.[1] !== undefined) {
    const handle = decodeSegment(creator[1]);
    // Handles are case-insensitive; the server stores them lower case.
    if (handle !== null && handle.trim() !== '')
      return { page: 'creator', handle: handle.trim().toLowerCase() };
  }
  return { page: 'notFound' };
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null; // malformed percent-encoding, e.g. `/c/%E0%A4%A`
  }
}

/** The path of a creator's page. */
export function creatorPath(handle: string): string {
  return `/c/${encodeURIComponent(handle)}`;
}

/** The sign-in (or sign-up) page that comes back to `next` afterwards. */
export function authPath(page: 'signin' | 'signup', next?: string): string {
  if (next === undefined || next === '/') return `/${page}`;
  return `/${page}?${new URLSearchParams({ next }).toString()}`;
}
