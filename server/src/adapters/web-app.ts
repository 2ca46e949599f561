import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import sirv from 'sirv';

/** Headers for every page and asset the server sends to browsers. */
export function securityHeaders(publicUrl: string): Record<string, string> {
  const { protocol, host } = new URL(publicUrl);
  const socketOrigin = `${protocol === 'https:' ? 'wss' : 'ws'}://${host}`;
  return {
    'Content-Security-Policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: blob:",
      `connect-src 'self' ${socketOrigin}`,
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "object-src 'none'",
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
  };
}

/** Client-side routes of the fan app: answered with index.html. */
const SPA_ROUTES = [/^\/$/, /^\/index\.html$/, /^\/signin\/?$/, /^\/signup\/?$/, /^\/c\/[^/]+(\/.*)?$/];

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mesi</title></head>
<body><h1>Mesi server</h1><p>The fan web app is not built yet. Run <code>npm run build:web</code> and reload.</p></body>
</html>`;

/**
 * Serves the built fan web app (server/web/dist) with a strict CSP, and falls back to index.html for the
 * app's own routes. Without a build it answers those routes with a page saying how to build it.
 */
export function createWebAppHandler(distDir: string, publicUrl: string) {
  const headers = securityHeaders(publicUrl);
  const indexPath = path.join(distDir, 'index.html');
  const built = existsSync(indexPath);
  const assets = built
    ? sirv(distDir, {
        etag: true,
        setHeaders: (res, pathname) => {
          if (pathname.startsWith('/assets/'))
            res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        },
      })
    : null;
  const indexHtml = built ? readFileSync(indexPath) : Buffer.from(NOT_BUILT_PAGE);

  const sendPage = (res: ServerResponse, status: number, body: Buffer | string, type: string) => {
    res.statusCode = status;
    res.setHeader('Content-Type', type);
    res.setHeader('Cache-Control', 'no-cache');
    res.end(body);
  };

  return (req: IncomingMessage, res: ServerResponse): void => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const fallback = () => {
      if (
        (req.method === 'GET' || req.method === 'HEAD') &&
        SPA_ROUTES.some((route) => route.test(pathname))
      ) {
        sendPage(res, 200, indexHtml, 'text/html; charset=utf-8');
      } else {
        sendPage(res, 404, 'Not found\n', 'text/plain; charset=utf-8');
      }
    };
    if (assets && pathname !== '/' && pathname !== '/index.html') assets(req, res, fallback);
    else fallback();
  };
}
