import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

export interface SecurityHeaderOptions {
  /** The fan web loads Stripe.js (Stripe is configured): its script, its frames and its API are let in. */
  readonly stripeJs: boolean;
  /** The live relay's playback origin: players fetch HTTP-FLV from it (another port of this host); null: none. */
  readonly playbackOrigin?: string | null;
}

/**
 * The sources Stripe.js and Elements need, as Stripe's security guide lists them for a CSP
 * (stripe.com/docs/security/guide#content-security-policy): the script from js.stripe.com, the card fields'
 * frames from js.stripe.com and the 3-D Secure frames from hooks.stripe.com, and Stripe.js's calls to
 * api.stripe.com. Only when Stripe is configured: on the sandbox no page has reason to reach Stripe.
 */
const STRIPE_JS = {
  scriptSrc: ['https://js.stripe.com'],
  frameSrc: ['https://js.stripe.com', 'https://hooks.stripe.com'],
  connectSrc: ['https://api.stripe.com'],
} as const;

/**
 * The security headers of every answer, from helmet: a strict CSP for the fan web app (its own scripts and
 * styles only, WebSockets to this server, Stripe.js when configured), no framing, no sniffing, a strict
 * referrer policy, and HSTS once the public address is https. The middleware is built once, when the first answer
 * goes out (without PUBLIC_URL the address, and so the CSP's WebSocket origin, is only known once the server
 * listens): `@fastify/helmet` builds it anew for every request, which cost a tenth of the server's time on small
 * API reads.
 */
export function securityHeaders(
  publicUrl: () => string,
  secure: boolean,
  options: SecurityHeaderOptions,
): Middleware {
  let middleware: Middleware | null = null;
  return (req, res, next) => {
    middleware ??= build(publicUrl(), secure, options);
    middleware(req, res, next);
  };
}

function build(
  publicUrl: string,
  secure: boolean,
  { stripeJs, playbackOrigin }: SecurityHeaderOptions,
): Middleware {
  const playback = playbackOrigin ? [playbackOrigin] : [];
  const { protocol, host } = new URL(publicUrl);
  const stripe = (sources: readonly string[]) => (stripeJs ? sources : []);
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...stripe(STRIPE_JS.scriptSrc)],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: [
          "'self'",
          `${protocol === 'https:' ? 'wss' : 'ws'}://${host}`,
          ...playback,
          ...stripe(STRIPE_JS.connectSrc),
        ],
        // Live players feed the video element through Media Source Extensions (a blob: URL).
        mediaSrc: ["'self'", 'blob:', ...playback],
        // hls.js (the HLS fallback) runs its demuxer in a blob: worker.
        workerSrc: ["'self'", 'blob:'],
        // Without Stripe, frames fall back to default-src 'self'.
        ...(stripeJs ? { frameSrc: ["'self'", ...STRIPE_JS.frameSrc] } : {}),
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
