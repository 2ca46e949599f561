import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import type { Kysely, Migration } from 'kysely';
import { WebSocketServer } from 'ws';
import packageJson from '../../package.json' with { type: 'json' };
import { InProcessPubSub, type PubSub } from './adapters/pubsub';
import { createWebAppHandler, securityHeaders } from './adapters/web-app';
import type { ServerConfig } from './config';
import { openDatabase, type DatabaseHandle, type DatabaseKind } from './db/database';
import { migrateToLatest } from './db/migrate';
import type { Database } from './db/schema';
import { createHttpContextFactory, createWsContextFactory, type Services } from './routers/context';
import { CallsInFlight } from './routers/calls-in-flight';
import { appRouter } from './routers/index';
import { AccountService } from './services/accounts/account-service';
import { InMemorySignInLimiter, type SignInLimiter } from './services/accounts/sign-in-limiter';
import { CreatorPageService } from './services/creators/creator-page-service';
import { FollowService } from './services/creators/follow-service';
import { PostService } from './services/posts/post-service';
import { ApplyService } from './services/sync/apply-service';
import { ChangeFeed } from './services/sync/change-feed';

export interface StartOptions {
  /** An already open database (tests: a PGlite loaded from the migrated template). Closed by `close()`. */
  readonly database?: DatabaseHandle;
  /** Migrations to run instead of the real ones (tests of the migrator). */
  readonly migrations?: Readonly<Record<string, Migration>>;
  readonly signInLimiter?: SignInLimiter;
  readonly pubsub?: PubSub;
  /** The built fan web app; default server/web/dist. */
  readonly webDistDir?: string;
}

export interface RunningServer {
  /** Where the server listens, e.g. http://127.0.0.1:4000. */
  readonly url: string;
  readonly db: Kysely<Database>;
  readonly databaseKind: DatabaseKind;
  close(): Promise<void>;
}

const CLOSE_GRACE_MS = 5_000;
const DEFAULT_WEB_DIST = fileURLToPath(new URL('../web/dist', import.meta.url));

/** Opens and migrates the database, then serves tRPC (HTTP + WS at /trpc), /healthz and the fan web app. */
export async function startServer(config: ServerConfig, opts: StartOptions = {}): Promise<RunningServer> {
  const database =
    opts.database ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      pgliteDir: path.join(config.dataDir, 'pglite'),
    }));
  try {
    await migrateToLatest(database.db, opts.migrations);
  } catch (err) {
    await database.close();
    throw err;
  }
  const { db } = database;
  const pubsub = opts.pubsub ?? new InProcessPubSub();
  const feed = new ChangeFeed(db, pubsub);
  const posts = new PostService(db, feed);
  const services: Services = {
    accounts: new AccountService(db, opts.signInLimiter ?? new InMemorySignInLimiter(), pubsub),
    posts,
    apply: new ApplyService(db, posts, feed),
    feed,
    creatorPages: new CreatorPageService(db),
    follows: new FollowService(db),
  };

  const calls = new CallsInFlight();
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  const publicUrl = config.publicUrl ?? url;
  const secureCookie = publicUrl.startsWith('https:');

  const onError = ({
    error,
    path: procedure,
  }: {
    error: { code: string; cause?: unknown };
    path?: string;
  }) => {
    if (error.code === 'INTERNAL_SERVER_ERROR')
      console.error(`tRPC ${procedure ?? '?'} failed:`, error.cause ?? error);
  };
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    createContext: createHttpContextFactory({ services, secureCookie, calls }),
    onError,
  });
  const webApp = createWebAppHandler(opts.webDistDir ?? DEFAULT_WEB_DIST, publicUrl);
  const apiHeaders = securityHeaders(publicUrl);
  const version = packageJson.version;

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    if (pathname === '/trpc' || pathname.startsWith('/trpc/')) {
      res.setHeader('X-Content-Type-Options', apiHeaders['X-Content-Type-Options']!);
      res.setHeader('Cache-Control', 'no-store');
      trpc(req, res);
    } else if (pathname === '/healthz') {
      res.statusCode = 200;
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('Cache-Control', 'no-store');
      res.end(JSON.stringify({ status: 'ok', database: database.kind, version }));
    } else {
      webApp(req, res);
    }
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const wsHandler = applyWSSHandler({
    wss,
    router: appRouter,
    createContext: createWsContextFactory({ services, secureCookie, calls }),
    onError,
    keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 5_000 },
  });
  server.on('upgrade', (req, socket, head) => {
    const pathname = (req.url ?? '/').split('?')[0];
    if (pathname !== '/trpc' && pathname !== '/trpc/') {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      wsHandler.broadcastReconnectNotification();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      // Let requests under way finish (they still need the database), then cut whatever lingers.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
      });
      // A call whose client hung up still runs (and may still write); the database closes after it.
      await calls.settled();
      await pubsub.close();
      await database.close();
    })());

  return { url, db, databaseKind: database.kind, close };
}
