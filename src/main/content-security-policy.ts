/**
 * The renderer's Content Security Policy: only our own bundle runs, nothing is fetched from elsewhere, inline
 * styles stay allowed for React's `style` props. `connect-src 'self'` also covers the browser mode's same-origin
 * WebSocket. Kept free of `electron` so the build config and tests can import it.
 */
export const RENDERER_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
