import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * The security headers of every answer, from helmet: a strict CSP for the fan web app (its own scripts and
 * styles only, WebSockets to this server), no framing, no sniffing, a strict referrer policy, and HSTS once the
 * public address is https. The middleware is built once, when the first answer goes out (without PUBLIC_URL the
 * address, and so the CSP's WebSocket origin, is only known once the server listens): `@fastify/helmet` builds
 * it anew for every request, which cost a tenth of the server's time on small API reads.
 */
export function securityHeaders(publicUrl: () => string, secure: boolean): Middleware {
  let middleware: Middleware | null = null;
  return (req, res, next) => {
    middleware ??= build(publicUrl(), secure);
    middleware(req, res, next);
  };
}

function build(publicUrl: string, secure: boolean): Middleware {
  const { protocol, host } = new URL(publicUrl);
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'", `${protocol === 'https:' ? 'wss' : 'ws'}://${host}`],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        ...(secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    frameguard: { action: 'deny' },
    // Cross-origin isolation would stop fans' browsers from loading media from a CDN later; not needed now.
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: secure ? { maxAge: 180 * 24 * 60 * 60, includeSubDomains: false } : false,
  }) as Middleware;
}
