/**
 * The renderer's Content Security Policy: only our own bundle runs, nothing is fetched from elsewhere, inline
 * styles stay allowed for React's `style` props. `connect-src 'self'` also covers the browser mode's same-origin
 * WebSocket. The Live screen's preview plays the stream back from the account's server relay (an origin known
 * only at run time, one per signed-in server): `connect-src` lets HTTP(S) fetches out and `media-src` lets the
 * player's Media Source (`blob:`) in. Kept free of `electron` so the build config and tests can import it.
 */
export const RENDERER_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' http: https:",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
