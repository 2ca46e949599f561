const FALLBACK = '/';
// Any origin works as the base: the result is only accepted if it stays on that same origin.
const PROBE_ORIGIN = 'https://mesi.invalid';

/**
 * Where to go after signing in: `next` only if it is a path on this site, otherwise `/`.
 * Refuses `//evil.example` and `/\evil.example` (browsers read both as another host), absolute URLs and
 * control characters, which browsers strip before parsing (`/\t/evil.example` would become `//evil.example`).
 */
export function safeNextPath(next: string | null | undefined): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2048) return FALLBACK;
  if (!next.startsWith('/') || next.startsWith('//')) return FALLBACK;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused
  if (/[\\\u0000-\u001f\u007f]/.test(next)) return FALLBACK;

  let url: URL;
  try {
    url = new URL(next, PROBE_ORIGIN);
  } catch {
    return FALLBACK;
  }
  if (url.origin !== PROBE_ORIGIN) return FALLBACK;
  return `${url.pathname}${url.search}${url.hash}`;
}
