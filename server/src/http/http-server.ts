import fastifyCookie from '@fastify/cookie';
import fastifyWebsocket from '@fastify/websocket';
import { MAX_CALLS_PER_BATCH } from '@shared/domain/api';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { Services } from '../composition';
import { isDatabaseUnavailable, DATABASE_UNAVAILABLE_MESSAGE } from '../db/postgres-errors';
import { CallsInFlight } from '../routers/calls-in-flight';
import { createContextFactory } from '../routers/context';
import { appRouter } from '../routers/index';
import type { FeatureRoutes } from './feature-routes';
import { describeRequestForLog, logFailure } from '../logging/error-log';
import { loadsStripeJs } from '../services/payments/card-entry-config';
import { isApiPath, sendApiError } from './api-error';
import { refuseMalformedHost } from './host-header';
import { originPolicy } from './origin-policy';
import { securityHeaders } from './security-headers';
import { trpcPlugin } from './trpc-plugin';
import { NOT_FOUND_HEAD, WebApp } from './web-app';

/** The largest request body any route takes unless it says otherwise (uploads will have their own route). */
export const BODY_LIMIT_BYTES = 1024 * 1024;
/** What a request hears while the database is busy or unreachable (503). */
/** The largest WebSocket message. */
export const WS_MAX_PAYLOAD_BYTES = 1024 * 1024;

export interface HttpServerOptions {
  readonly services: Services;
  /** The origins this server's pages are served from (its public address, and the one it listens on). */
  readonly ownOrigins: () => ReadonlySet<string>;
  readonly routes: readonly FeatureRoutes[];
  /** The address fans use (known once listening when not configured). */
  readonly publicUrl: () => string;
  /** Mark the session cookie Secure (PUBLIC_URL is https). */
  readonly secureCookie: boolean;
  readonly webDistDir: string;
  /** Where fans' players fetch live HTTP-FLV (the relay's playback port); null: no relay. */
  readonly playbackOrigin?: string | null;
  /** What `/healthz` reports: the process is up. */
  readonly health: () => Record<string, unknown>;
  /** What `/readyz` checks: the server can serve, its database answering (throws when it cannot). */
  readonly ready: () => Promise<Record<string, unknown>>;
}

export interface HttpServer {
  readonly app: FastifyInstance;
  readonly calls: CallsInFlight;
}

/**
 * The server's HTTP layer on Fastify: limits, security headers and cookies at the root; tRPC over HTTP and
 * WebSocket at /trpc; /healthz; each feature's routes; the fan web app; a styled 404 for every unknown page.
 */
export async function createHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const webApp = new WebApp(options.webDistDir, options.publicUrl);
  const app = Fastify({
    logger: false,
    // An address the router cannot take (undecodable, or a segment too long to be a handle) is a page that
    // does not exist, not a server error; nothing of it is echoed back.
    frameworkErrors: (_error, request, reply) => {
      const plain = reply as unknown as FastifyReply;
      if (request.method === 'GET' || request.method === 'HEAD') {
        webApp.sendPage(plain, 404, { ...NOT_FOUND_HEAD, path: '/' });
      } else {
        plain.code(400).type('text/plain; charset=utf-8').send('Bad request\n');
      }
    },
    bodyLimit: BODY_LIMIT_BYTES,
    // tRPC puts batched procedure names in the path: without this, batches answer 414.
    routerOptions: { maxParamLength: 5000, ignoreTrailingSlash: true },
    // Keep-alive sockets are closed at once on close; requests under way still finish.
    forceCloseConnections: 'idle',
  });
  const calls = new CallsInFlight();

  // Before any route: errors of every scope (tRPC's included) answer in one form, with nothing internal.
  app.setErrorHandler((error: { statusCode?: number; message?: string }, request, reply) => {
    const { status, message } = publicAnswerOf(error);
    if (status >= 500) logFailure(describeRequestForLog(request.method, request.url), error);
    if (isApiPath(request.url)) return sendApiError(reply, status, message);
    return reply.code(status).type('text/plain; charset=utf-8').send(`${message}\n`);
  });
  app.addHook('onRequest', refuseMalformedHost);
  const applySecurityHeaders = securityHeaders(options.publicUrl, options.secureCookie, {
    stripeJs: loadsStripeJs(options.services.cardEntry),
    playbackOrigin: options.playbackOrigin ?? null,
  });
  app.addHook('onRequest', (request, reply, done) =>
    applySecurityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)),
  );
  await app.register(fastifyCookie);
  await app.register(fastifyWebsocket, { options: { maxPayload: WS_MAX_PAYLOAD_BYTES } });
  // After the WebSocket plugin's own hook, so that a refused upgrade's socket is closed with the answer.
  app.addHook('onRequest', originPolicy(options.ownOrigins));

  await app.register(async (api) => {
    api.addHook('onRequest', async (_request, reply) => {
      reply.header('Cache-Control', 'no-store');
    });
    await trpcPlugin(api, {
      router: appRouter,
      prefix: '/trpc',
      maxBatchSize: MAX_CALLS_PER_BATCH,
      createContext: createContextFactory({
        services: options.services,
        secureCookie: options.secureCookie,
        calls,
        parseCookie: (header) => app.parseCookie(header),
      }),
      onError({ error, path }) {
        if (error.code === 'INTERNAL_SERVER_ERROR' || error.code === 'SERVICE_UNAVAILABLE')
          logFailure(`tRPC ${path ?? '?'}`, error.cause ?? error);
      },
      keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 5_000 },
    });
  });

  app.get('/healthz', async (_request, reply) =>
    reply.header('Cache-Control', 'no-store').send(options.health()),
  );
  // For a load balancer: ready only while the database answers.
  app.get('/readyz', async (_request, reply) => {
    void reply.header('Cache-Control', 'no-store');
    try {
      return reply.send({ status: 'ready', ...(await options.ready()) });
    } catch (error) {
      return reply
        .code(503)
        .send({ status: 'unavailable', reason: error instanceof Error ? error.message : 'unknown' });
    }
  });

  const deps = { webApp };
  for (const routes of options.routes) await app.register(async (scope) => routes(scope, deps));
  webApp.register(app);

  app.setNotFoundHandler((request, reply) => {
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !request.url.startsWith('/assets/') &&
      !request.url.startsWith('/trpc');
    if (isPage) return webApp.sendPage(reply, 404, { ...NOT_FOUND_HEAD, path: request.url.split('?')[0]! });
    return reply.code(404).type('text/plain; charset=utf-8').send('Not found\n');
  });
  return { app, calls };
}

/**
 * What the root error handler answers: a request's own fault (4xx) with its words; a database busy or cut off
 * (outside tRPC: /media, the sign-in check of /uploads) 503 "try again", as tRPC answers it; anything else 500.
 */
function publicAnswerOf(error: { statusCode?: number; message?: string }): {
  status: number;
  message: string;
} {
  if (isDatabaseUnavailable(error)) return { status: 503, message: DATABASE_UNAVAILABLE_MESSAGE };
  const { statusCode } = error;
  if (statusCode && statusCode >= 400 && statusCode < 500)
    return { status: statusCode, message: error.message ?? 'Bad request' };
  return { status: 500, message: 'Something went wrong on the server' };
}
