import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely, Migration } from 'kysely';
import packageJson from '../../package.json' with { type: 'json' };
import { InProcessPubSub, type PubSub } from './adapters/pubsub';
import { composeServices, type Services } from './composition';
import { systemClock, type Clock } from '@shared/domain/clock';
import { SandboxRail } from './adapters/payments/sandbox-rail';
import { StripeRail } from './adapters/payments/stripe';
import { cardEntryConfigFor } from './services/payments/card-entry-config';
import type { PaymentRail } from './services/payments/payment-rail';
import { logFailure } from './logging/error-log';
import { DEFAULT_MEDIA_CONFIG, type ServerConfig } from './config';
import { createEncoder, type Encoders } from '../../src/encoder/index';
import { LocalDiskStore } from './adapters/storage/local-disk-store';
import type { MediaStore } from './adapters/storage/media-store';
import { S3Store } from './adapters/storage/s3-store';
import type { MediaOptions } from './services/media/media-feature';
import { mediaUrlSecret } from './services/media/media-url-secret';
import {
  DATABASE_TIMEOUTS,
  databaseAnswers,
  describeDatabaseLocation,
  openDatabase,
  type DatabaseHandle,
  type DatabaseKind,
} from './db/database';
import { migrateToLatest } from './db/migrate';
import type { Database } from './db/schema';
import { createHttpServer } from './http/http-server';
import { urlHost } from './http/url-host';
import {
  attemptRulesFor,
  InMemoryAttemptLimiter,
  type AttemptLimiter,
} from './services/accounts/attempt-limiter';
import type { Mailer } from './adapters/mail/mailer';
import { OutboxFolderMailer } from './adapters/mail/outbox-folder-mailer';
import { SmtpMailer } from './adapters/mail/smtp-mailer';
import { CallsInFlight } from './routers/calls-in-flight';
import { NotFoundError, PermissionDeniedError } from '@shared/domain/errors';
import type { RelayEvents } from './services/live/live-relay';

export interface StartOptions {
  /** An already open database (tests: a PGlite loaded from the migrated template). Closed by `close()`. */
  readonly database?: DatabaseHandle;
  /** Migrations to run instead of the real ones (tests of the migrator). */
  readonly migrations?: Readonly<Record<string, Migration>>;
  /** Default: in memory, with the limits of `config.nodeEnv` (see `attemptRulesFor`). */
  readonly attemptLimiter?: AttemptLimiter;
  /** Default: SMTP when `config.smtpUrl` is set, else the outbox folder `DATA_DIR/mail-outbox`. */
  readonly mailer?: Mailer;
  readonly pubsub?: PubSub;
  /** The built fan web app; default server/web/dist. */
  readonly webDistDir?: string;
  /** Default: Stripe when configured, else the sandbox rail (never in production). */
  readonly paymentRail?: PaymentRail;
  /** Default: the system clock. Tests move a ManualClock instead of sleeping. */
  readonly clock?: Clock;
  /** Default: ffmpeg (found as `createEncoder` says) and sharp. */
  readonly encoders?: Encoders;
  /** Default: as `MEDIA_STORE` says (the folder `DATA_DIR/media`, or the S3 bucket). */
  readonly mediaStore?: MediaStore;
}

export interface RunningServer {
  /** Where the server listens, e.g. http://127.0.0.1:4000. */
  readonly url: string;
  readonly db: Kysely<Database>;
  readonly databaseKind: DatabaseKind;
  /** Where mail goes, as the start-up line says it. */
  readonly mailDescription: string;
  /** Where studios push streams and fans' players fetch them; null: the server runs no relay (no `config.live`). */
  readonly live: { readonly rtmpUrl: string; readonly playbackUrl: string } | null;
  /** The composed services (tests reach the payments service and its rail through them). */
  readonly services: Services;
  close(): Promise<void>;
}

const CLOSE_GRACE_MS = 5_000;
/** How long `/readyz` waits for the database before it answers 503. */
const READY_TIMEOUT_MS = 2_000;
const DEFAULT_WEB_DIST = fileURLToPath(new URL('../web/dist', import.meta.url));

/** Opens and migrates the database, composes the services, then serves HTTP and WebSocket. */
export async function startServer(config: ServerConfig, opts: StartOptions = {}): Promise<RunningServer> {
  const where = { databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pglite') };
  const database = opts.database ?? (await openDatabase(where));
  try {
    // A database that accepts connections but never answers would otherwise hang start-up silently.
    await databaseAnswers(database, DATABASE_TIMEOUTS.connectMs).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`${describeDatabaseLocation(where)} did not answer: ${reason}`, { cause: error });
    });
    await migrateToLatest(database.db, opts.migrations);
  } catch (err) {
    await database.close();
    throw err;
  }
  let pubsub: PubSub;
  try {
    pubsub = opts.pubsub ?? (await pubsubFor(config));
  } catch (err) {
    await database.close();
    throw err;
  }
  const mailer = opts.mailer ?? defaultMailer(config);
  const mailsInFlight = new CallsInFlight();
  // Without PUBLIC_URL the public address is the bound one, known once listening (PORT=0 picks a port).
  let url = '';
  const publicUrl = () => config.publicUrl ?? url;
  const paymentRail = opts.paymentRail ?? paymentRailFor(config);
  let media: MediaOptions;
  try {
    media = await mediaOptionsFor(config, opts);
  } catch (err) {
    await pubsub.close();
    await database.close();
    throw err;
  }
  // The relay reports publishes to the streams service, which is composed after it: forwarded once both exist.
  let relayEvents: RelayEvents | null = null;
  // Loaded only when the server runs a relay: node-media-server and its web stack cost half a second at start.
  const composeRelay = config.live
    ? (await import('./services/live/relay/relay-feature')).composeRelay
    : null;
  const relayPart =
    composeRelay && config.live
      ? composeRelay({
          db: database.db,
          pubsub,
          live: config.live,
          host: config.host,
          dataDir: config.dataDir,
          publicUrl,
          mediaUrlSecret: media.urlSecret,
          events: {
            publishStarted: (streamId) => relayEvents?.publishStarted(streamId),
            publishEnded: (streamId) => relayEvents?.publishEnded(streamId),
          },
          clock: opts.clock ?? systemClock,
        })
      : null;
  const composed = composeServices(database.db, pubsub, {
    attemptLimiter: opts.attemptLimiter ?? new InMemoryAttemptLimiter(attemptRulesFor(config.nodeEnv)),
    mailer,
    publicUrl,
    inBackground: (task) => void mailsInFlight.track(task),
    paymentRail,
    cardEntry: cardEntryConfigFor(config.stripe),
    feeBasisPoints: config.platformFeeBasisPoints,
    clock: opts.clock ?? systemClock,
    onBackgroundError: (error) => logFailure('background work', error),
    media,
    relay: relayPart ? { relay: relayPart.relay, tokens: relayPart.tokens } : null,
  });
  const { services } = composed;
  relayEvents = services.live.streams.relayEvents;
  // A player's token is checked when it starts: whoever lost access since (a refund, a ban, a lapsed
  // subscription, a changed rule) is cut within a minute. A failing check (database away) keeps the player.
  relayPart?.relay.recheckPlayers(async (streamId, viewerId) => {
    try {
      await services.live.streams.watching.requireWatcher(viewerId, streamId);
      return true;
    } catch (error) {
      if (error instanceof PermissionDeniedError || error instanceof NotFoundError) return false;
      throw error;
    }
  });
  const routes = [...composed.routes, ...(relayPart?.routes ?? [])];
  // The relay stops first: publishers it cuts report their end while the streams part still runs.
  const background = [...(relayPart ? [relayPart.background] : []), ...composed.background];
  if (paymentRail instanceof SandboxRail)
    paymentRail.deliverTo((event) => services.payments.handleEvent(event));

  if (relayPart) {
    try {
      // Its ports are bound before HTTP serves: the fan web's CSP names the playback origin, and the server says
      // where studios push (RTMP_PORT=0 picks them).
      await relayPart.relay.start();
    } catch (err) {
      await relayPart.relay.stop().catch(() => undefined);
      await pubsub.close();
      await database.close();
      throw err;
    }
  }
  const ownOrigins = new Set<string>();
  const { app, calls } = await createHttpServer({
    services,
    routes,
    publicUrl,
    ownOrigins: () => ownOrigins,
    secureCookie: config.publicUrl?.startsWith('https:') ?? false,
    webDistDir: opts.webDistDir ?? DEFAULT_WEB_DIST,
    playbackOrigin: relayPart ? relayPart.relay.playbackOrigin() : null,
    health: () => ({ status: 'ok', database: database.kind, version: packageJson.version }),
    ready: () => databaseAnswers(database, READY_TIMEOUT_MS),
  });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await app.close();
    await pubsub.close();
    await database.close();
    throw err;
  }
  const { port } = app.server.address() as AddressInfo;
  url = `http://${urlHost(config.host)}:${port}`;
  ownOrigins.add(new URL(url).origin);
  if (config.publicUrl) ownOrigins.add(new URL(config.publicUrl).origin);
  // On this machine the same server answers as localhost too, as newcomers often type.
  if (['127.0.0.1', '::1', '0.0.0.0', 'localhost'].includes(config.host)) {
    for (const name of ['localhost', '127.0.0.1']) ownOrigins.add(`http://${name}:${port}`);
  }

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      // Requests under way finish (they still need the database); whatever lingers is cut after a grace.
      const cut = setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS);
      cut.unref();
      await app.close();
      clearTimeout(cut);
      for (const work of background) await work.stop();
      // A call whose client hung up still runs (and may still write); the database closes after it.
      await calls.settled();
      await mailsInFlight.settled();
      await mailer.close();
      await pubsub.close();
      await database.close();
    })());

  for (const work of background) work.start();
  return {
    url,
    db: database.db,
    databaseKind: database.kind,
    mailDescription: mailer.description,
    live: relayPart
      ? {
          rtmpUrl:
            config.live?.rtmpPublicUrl ?? `rtmp://${urlHost(config.host)}:${relayPart.relay.ports.rtmp}/live`,
          playbackUrl: relayPart.relay.playbackOrigin(),
        }
      : null,
    services,
    close,
  };
}

/** Redis when `REDIS_URL` is set (every instance shares live events), else in process (one instance). */
async function pubsubFor(config: ServerConfig): Promise<PubSub> {
  if (!config.redisUrl) return new InProcessPubSub();
  try {
    // Loaded only when configured: the Redis client costs most of a second at every start.
    const { RedisPubSub } = await import('./adapters/redis-pubsub');
    return await RedisPubSub.connect({ url: config.redisUrl });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`REDIS_URL: ${reason}. Start Redis there, or unset REDIS_URL to run one instance.`, {
      cause: error,
    });
  }
}

/** Stripe when its keys are set; otherwise the sandbox, which production refuses (no money would move). */
function paymentRailFor(config: ServerConfig): PaymentRail {
  if (config.stripe) {
    return new StripeRail({ secretKey: config.stripe.secretKey, webhookSecret: config.stripe.webhookSecret });
  }
  if (config.nodeEnv === 'production') throw new Error('The sandbox payment rail is refused in production');
  return new SandboxRail();
}

/** The media feature's settings, store, encoders and URL key (made once in DATA_DIR when not configured). */
async function mediaOptionsFor(config: ServerConfig, opts: StartOptions): Promise<MediaOptions> {
  const media = config.media ?? DEFAULT_MEDIA_CONFIG;
  const encoders = opts.encoders ?? createEncoder();
  return {
    dataDir: config.dataDir,
    limits: { maxUploadBytes: media.maxUploadBytes, quotaBytes: media.quotaBytes },
    processingConcurrency: media.processingConcurrency,
    urlSecret: await mediaUrlSecret(media.urlSecret, config.dataDir),
    store:
      opts.mediaStore ??
      (media.store.kind === 's3'
        ? new S3Store(media.store)
        : new LocalDiskStore(path.join(config.dataDir, 'media'))),
    encoder: encoders.media,
    photos: encoders.photos,
  };
}

/** Where mail is written when no SMTP server is set (development and tests); null with SMTP_URL. */
export function mailOutboxDir(config: ServerConfig): string | null {
  return config.smtpUrl ? null : path.join(config.dataDir, 'mail-outbox');
}

function defaultMailer(config: ServerConfig): Mailer {
  const outbox = mailOutboxDir(config);
  if (outbox === null) return new SmtpMailer(config.smtpUrl!, config.mailFrom);
  return new OutboxFolderMailer(outbox, config.mailFrom);
}
