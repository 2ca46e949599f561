import type { FastifyHelmetOptions } from '@fastify/helmet';

/**
 * The security headers of every answer, set once at the root (helmet): a strict CSP for the fan web app (its
 * own scripts and styles only, WebSockets to this server), no framing, no sniffing, and HSTS once the public
 * address is https.
 */
export function securityHeaders(publicUrl: () => string, secure: boolean): FastifyHelmetOptions {
  // Read per answer: without PUBLIC_URL the address is only known once the server listens.
  const socketOrigin = () => {
    const { protocol, host } = new URL(publicUrl());
    return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}`;
  };
  return {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'", socketOrigin],
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
    hsts: secure ? { maxAge: 180 * 24 * 60 * 60, includeSubDomains: false } : false,
  };
}
