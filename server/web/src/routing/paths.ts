/** The path of a creator's page. */
export function creatorPath(handle: string): string {
  return `/c/${encodeURIComponent(handle)}`;
}

/**
 * The handle an address (`/c/:handle`) or a form names. Handles are case-insensitive and stored lower case; an
 * `@` typed in front and stray spaces are forgiven, as the server does when it renders the page's head.
 */
export function normaliseHandle(segment: string): string {
  return segment.trim().replace(/^@/, '').toLowerCase();
}

/** The signed-in fan's subscriptions: when each renews, cancel, resume, update the card. */
export function subscriptionsPath(): string {
  return '/subscriptions';
}

/** The signed-in fan's receipts: every payment, its refunds and where it stands. */
export function receiptsPath(): string {
  return '/receipts';
}

/** The sign-in (or sign-up) page that comes back to `next` afterwards. */
export function authPath(page: 'signin' | 'signup', next?: string): string {
  return withNext(`/${page}`, next);
}

/** Where a forgotten password is reset by mail; "Back to sign in" there returns to `next`. */
export function forgotPasswordPath(next?: string): string {
  return withNext('/forgot-password', next);
}

/** The page a new creator lands on (their page's address, how to write posts), with a way back to `next`. */
export function welcomePath(next?: string): string {
  return withNext('/welcome', next);
}

// `?next=` is left out for the home page, where every page leads anyway.
function withNext(path: string, next: string | undefined): string {
  if (next === undefined || next === '/') return path;
  return `${path}?${new URLSearchParams({ next }).toString()}`;
}
