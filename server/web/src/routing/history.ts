import { useSyncExternalStore } from 'react';

/** The part of the address bar the app routes on. */
export interface AppLocation {
  readonly pathname: string;
  readonly search: string;
}

// pushState fires no event, so in-app navigation announces itself with this one.
const NAVIGATED = 'mesi:navigated';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

// useSyncExternalStore compares snapshots by identity, so the same string is returned until the URL changes.
const currentHref = (): string => window.location.pathname + window.location.search;

/** Goes to an in-app path without reloading the page. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  window.dispatchEvent(new Event(NAVIGATED));
}

/** The current location, re-rendering on every navigation (links, back and forward). */
export function useLocation(): AppLocation {
  const href = useSyncExternalStore(subscribe, currentHref);
  const url = new URL(href, window.location.origin);
  return { pathname: url.pathname, search: url.search };
}
