import path from 'node:path';
import { z } from 'zod';

/** The server's settings, read once from the environment at start. */
export interface ServerConfig {
  readonly host: string;
  /** 0 asks the OS for a free port. */
  readonly port: number;
  readonly dataDir: string;
  /** null: the embedded PGlite database in `${dataDir}/pglite`. */
  readonly databaseUrl: string | null;
  /** The address fans reach; null: derived from the bound host and port. */
  readonly publicUrl: string | null;
  readonly nodeEnv: 'development' | 'production' | 'test';
  /** null: mail is written to `${dataDir}/mail-outbox` (refused in production). */
  readonly smtpUrl: string | null;
  readonly mailFrom: string;
  /** The platform's fee on what fans pay, in basis points (1000 = 10%). */
  readonly platformFeeBasisPoints: number;
  /** null: the in-process sandbox rail (refused in production). */
  readonly stripe: {
    readonly secretKey: string;
    readonly publishableKey: string;
    readonly webhookSecret: string;
  } | null;
  /** Uploads, storage and delivery of media; absent (a test server's config): `DEFAULT_MEDIA_CONFIG`. */
  readonly media?: MediaConfig;
  /** The RTMP relay and live playback; absent (a test server's config): no relay is started. */
  readonly live?: LiveConfig;
  /** redis://… : live events fan out through Redis, shared by every instance; null: in process. */
  readonly redisUrl?: string | null;
}

/** The RTMP relay (node-media-server inside the server) and where fans and studios reach it. */
export interface LiveConfig {
  /** RTMP ingest port (studios push here); 0 picks a free port. */
  readonly rtmpPort: number;
  /** HTTP-FLV playback port of the relay; 0 picks a free port. */
  readonly playbackPort: number;
  /** The address studios push to, without the stream's path (rtmp://host:port/live); null: from HOST and RTMP_PORT. */
  readonly rtmpPublicUrl: string | null;
  /** The address fans' players fetch HTTP-FLV from (http(s)://host:port); null: from HOST and LIVE_HTTP_PORT. */
  readonly playbackPublicUrl: string | null;
}

export const DEFAULT_LIVE_CONFIG: LiveConfig = {
  rtmpPort: 1935,
  playbackPort: 8000,
  rtmpPublicUrl: null,
  playbackPublicUrl: null,
};

/** Where processed media is kept: a folder under DATA_DIR, or an S3-compatible bucket. */
export type MediaStoreConfig =
  | { readonly kind: 'local' }
  | {
      readonly kind: 's3';
      readonly bucket: string;
      readonly region: string;
      /** null: AWS's own endpoint for the region. */
      readonly endpoint: string | null;
      /** null: the SDK's default credential chain (instance role, shared files). */
      readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string } | null;
      readonly forcePathStyle: boolean;
    };

export interface MediaConfig {
  /** The largest file one upload may declare. */
  readonly maxUploadBytes: number;
  /** What a creator's media (every item not failed or deleted, as uploaded) may add up to. */
  readonly quotaBytes: number;
  /** The HMAC key of signed media URLs; null: a random key kept in `DATA_DIR/media-url-secret` (refused in production). */
  readonly urlSecret: string | null;
  readonly store: MediaStoreConfig;
  /** Uploads processed (ffmpeg, sharp) at the same time by one server. */
  readonly processingConcurrency: number;
}

const GIB = 1024 ** 3;

export const DEFAULT_MEDIA_CONFIG: MediaConfig = {
  maxUploadBytes: 4 * GIB,
  quotaBytes: 50 * GIB,
  urlSecret: null,
  store: { kind: 'local' },
  processingConcurrency: 1,
};

export interface ConfigVariable {
  readonly name: string;
  readonly default: string;
  readonly meaning: string;
}

/** Every environment variable the server reads, for the README and for `--help`-like listings. */
export const CONFIG_VARIABLES: readonly ConfigVariable[] = [
  { name: 'HOST', default: '127.0.0.1', meaning: 'Interface to listen on (0.0.0.0 for every interface).' },
  { name: 'PORT', default: '4000', meaning: 'TCP port for HTTP and WebSocket; 0 picks a free port.' },
  { name: 'DATA_DIR', default: './data', meaning: 'Folder for local data, including the embedded database.' },
  {
    name: 'DATABASE_URL',
    default: '(unset)',
    meaning: 'postgres://… to use a PostgreSQL server; unset uses embedded PGlite in DATA_DIR/pglite.',
  },
  {
    name: 'PUBLIC_URL',
    default: 'http://HOST:PORT',
    meaning: 'Address fans use to reach the server; https:// makes the session cookie Secure.',
  },
  { name: 'NODE_ENV', default: 'development', meaning: 'development, production or test.' },
  {
    name: 'SMTP_URL',
    default: '(unset)',
    meaning:
      'smtp:// or smtps://user:password@host:port for outgoing mail (password resets); unset writes each mail as an .eml file to DATA_DIR/mail-outbox instead. Required in production.',
  },
  {
    name: 'MAIL_FROM',
    default: 'Mesi <no-reply@localhost>',
    meaning: 'Sender of the mails the server sends.',
  },
  {
    name: 'PLATFORM_FEE_BPS',
    default: '1000',
    meaning:
      "The platform's fee on what fans pay, in basis points (1000 = 10%), taken when money settles to a creator.",
  },
  {
    name: 'STRIPE_SECRET_KEY',
    default: '(unset)',
    meaning:
      'sk_… : take card payments with Stripe. Unset uses the in-process sandbox rail with test cards (refused in production). Needs the two below.',
  },
  {
    name: 'STRIPE_PUBLISHABLE_KEY',
    default: '(unset)',
    meaning: 'pk_… : the key the fan web gives Stripe Elements for card entry.',
  },
  {
    name: 'STRIPE_WEBHOOK_SECRET',
    default: '(unset)',
    meaning: 'whsec_… : verifies the signature of events Stripe posts to /webhooks/stripe.',
  },
  {
    name: 'MEDIA_MAX_UPLOAD_BYTES',
    default: String(DEFAULT_MEDIA_CONFIG.maxUploadBytes),
    meaning:
      'The largest file one upload to /uploads may declare, in bytes (default 4 GiB); larger ones answer 413.',
  },
  {
    name: 'MEDIA_QUOTA_BYTES',
    default: String(DEFAULT_MEDIA_CONFIG.quotaBytes),
    meaning: "What one creator's uploaded media may add up to, in bytes (default 50 GiB).",
  },
  {
    name: 'MEDIA_URL_SECRET',
    default: '(unset)',
    meaning:
      'The key (at least 32 characters) signing the short-lived URLs of gated media. Unset: a random key is made once and kept in DATA_DIR/media-url-secret (mode 0600). Required in production; every instance must share it.',
  },
  {
    name: 'MEDIA_STORE',
    default: 'local',
    meaning: 'Where processed media is kept: local (DATA_DIR/media) or s3 (the S3_* variables below).',
  },
  {
    name: 'MEDIA_PROCESSING_CONCURRENCY',
    default: String(DEFAULT_MEDIA_CONFIG.processingConcurrency),
    meaning: 'Uploads one server processes (ffmpeg, sharp) at the same time.',
  },
  {
    name: 'S3_BUCKET',
    default: '(unset)',
    meaning: 'With MEDIA_STORE=s3: the bucket media is kept in (required).',
  },
  { name: 'S3_REGION', default: 'us-east-1', meaning: "With MEDIA_STORE=s3: the bucket's region." },
  {
    name: 'S3_ENDPOINT',
    default: '(unset)',
    meaning: "With MEDIA_STORE=s3: an S3-compatible service's address (MinIO, R2, …); unset uses AWS's.",
  },
  {
    name: 'S3_ACCESS_KEY_ID',
    default: '(unset)',
    meaning:
      "With MEDIA_STORE=s3: the access key (with S3_SECRET_ACCESS_KEY); unset uses the SDK's credential chain.",
  },
  {
    name: 'S3_SECRET_ACCESS_KEY',
    default: '(unset)',
    meaning: 'With MEDIA_STORE=s3: the secret of S3_ACCESS_KEY_ID.',
  },
  {
    name: 'S3_FORCE_PATH_STYLE',
    default: 'false',
    meaning:
      'With MEDIA_STORE=s3: true addresses the bucket in the path (most S3-compatible services need it).',
  },
  {
    name: 'LIVE_RELAY',
    default: 'on',
    meaning:
      'on: this server runs the RTMP relay for live streams; off: it does not (an instance that serves the API only, while another takes the streams).',
  },
  {
    name: 'RTMP_PORT',
    default: String(DEFAULT_LIVE_CONFIG.rtmpPort),
    meaning:
      'TCP port of the RTMP relay studios push live streams to; 0 picks a free port (as does PORT=0 while this is unset).',
  },
  {
    name: 'LIVE_HTTP_PORT',
    default: String(DEFAULT_LIVE_CONFIG.playbackPort),
    meaning:
      "TCP port of the relay's HTTP-FLV playback (fans' players); 0 picks a free port (as does PORT=0 while this is unset).",
  },
  {
    name: 'RTMP_PUBLIC_URL',
    default: 'rtmp://HOST:RTMP_PORT/live',
    meaning: 'The RTMP address studios push to, as they reach it (behind a proxy or another name).',
  },
  {
    name: 'LIVE_PLAYBACK_URL',
    default: 'http://HOST:LIVE_HTTP_PORT',
    meaning: "The address fans' players fetch HTTP-FLV from, as they reach it (https behind a proxy).",
  },
  {
    name: 'REDIS_URL',
    default: '(unset)',
    meaning:
      'redis://… : live chat, reactions and stream events fan out through Redis, so several server instances share them. Unset: in process (one instance).',
  },
];

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const schema = z.object({
  HOST: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .regex(/^[A-Za-z0-9.:[\]-]+$/, 'must be a host name or IP address')
    .default('127.0.0.1'),
  PORT: z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, 'must be an integer 0..65535')
    .transform(Number)
    .refine((port) => port <= 65535, 'must be an integer 0..65535')
    .default(4000),
  DATA_DIR: z.string().trim().min(1, 'must not be empty').default('./data'),
  DATABASE_URL: z
    .string()
    .trim()
    .refine(
      (url) => url === '' || /^postgres(ql)?:\/\/.+/.test(url),
      'must be a postgres:// URL (or unset for the embedded database)',
    )
    .optional(),
  PUBLIC_URL: z
    .string()
    .trim()
    .refine((url) => url === '' || /^https?:\/\/[^/\s]+/.test(url), 'must be an http:// or https:// URL')
    .optional(),
  SMTP_URL: z
    .string()
    .trim()
    .refine((url) => url === '' || /^smtps?:\/\/[^/\s]+/.test(url), 'must be an smtp:// or smtps:// URL')
    .optional(),
  PLATFORM_FEE_BPS: z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, 'must be a whole number of basis points 0..10000')
    .transform(Number)
    .refine((bps) => bps <= 10_000, 'must be a whole number of basis points 0..10000')
    .default(1000),
  STRIPE_SECRET_KEY: z
    .string()
    .trim()
    .regex(/^(sk|rk)_\w+$/, 'must be a Stripe secret key (sk_…)')
    .optional(),
  STRIPE_PUBLISHABLE_KEY: z
    .string()
    .trim()
    .regex(/^pk_\w+$/, 'must be a Stripe publishable key (pk_…)')
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .trim()
    .regex(/^whsec_\w+$/, 'must be a Stripe webhook secret (whsec_…)')
    .optional(),
  MEDIA_MAX_UPLOAD_BYTES: byteCount('a number of bytes, at least 1').default(
    DEFAULT_MEDIA_CONFIG.maxUploadBytes,
  ),
  MEDIA_QUOTA_BYTES: byteCount('a number of bytes, at least 1').default(DEFAULT_MEDIA_CONFIG.quotaBytes),
  MEDIA_URL_SECRET: z.string().trim().min(32, 'must be at least 32 characters').optional(),
  MEDIA_STORE: z.enum(['local', 's3'], 'must be local or s3').default('local'),
  MEDIA_PROCESSING_CONCURRENCY: z
    .string()
    .trim()
    .regex(/^\d{1,2}$/, 'must be a whole number 1..16')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 16, 'must be a whole number 1..16')
    .default(DEFAULT_MEDIA_CONFIG.processingConcurrency),
  S3_BUCKET: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name')
    .optional(),
  S3_REGION: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{2,32}$/, 'must be a region name like eu-west-1')
    .default('us-east-1'),
  S3_ENDPOINT: z
    .string()
    .trim()
    .refine((url) => /^https?:\/\/[^/\s]+/.test(url), 'must be an http:// or https:// URL')
    .optional(),
  S3_ACCESS_KEY_ID: z.string().trim().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().trim().min(1).optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false'], 'must be true or false').default('false'),
  LIVE_RELAY: z.enum(['on', 'off'], 'must be on or off').default('on'),
  RTMP_PORT: portNumber().default(DEFAULT_LIVE_CONFIG.rtmpPort),
  LIVE_HTTP_PORT: portNumber().default(DEFAULT_LIVE_CONFIG.playbackPort),
  RTMP_PUBLIC_URL: z
    .string()
    .trim()
    .refine((url) => /^rtmps?:\/\/[^/\s]+/.test(url), 'must be an rtmp:// or rtmps:// URL')
    .optional(),
  LIVE_PLAYBACK_URL: z
    .string()
    .trim()
    .refine((url) => /^https?:\/\/[^/\s]+/.test(url), 'must be an http:// or https:// URL')
    .optional(),
  REDIS_URL: z
    .string()
    .trim()
    .refine((url) => /^rediss?:\/\/[^\s]+/.test(url), 'must be a redis:// or rediss:// URL')
    .optional(),
  MAIL_FROM: z.string().trim().min(3, 'must be a sender address').default('Mesi <no-reply@localhost>'),
  NODE_ENV: z
    .enum(['development', 'production', 'test'], 'must be development, production or test')
    .default('development'),
});

function portNumber() {
  return z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, 'must be an integer 0..65535')
    .transform(Number)
    .refine((port) => port <= 65535, 'must be an integer 0..65535');
}

function byteCount(what: string) {
  return z
    .string()
    .trim()
    .regex(/^\d{1,16}$/, `must be ${what}`)
    .transform(Number)
    .refine((n) => n >= 1 && Number.isSafeInteger(n), `must be ${what}`);
}

/** Reads and checks the environment; throws a ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const known = Object.fromEntries(
    CONFIG_VARIABLES.map(({ name }) => [name, env[name] === '' ? undefined : env[name]]),
  );
  const parsed = schema.safeParse(known);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(
      `Invalid configuration: ${name} ${issue?.message ?? 'is invalid'} (got ${JSON.stringify(known[name])})`,
    );
  }
  const value = parsed.data;
  if (value.NODE_ENV === 'production' && !value.SMTP_URL) {
    throw new ConfigError(
      'Invalid configuration: SMTP_URL must be set in production (password-reset mails would otherwise stay in a local folder)',
    );
  }
  const stripeKeys = [value.STRIPE_SECRET_KEY, value.STRIPE_PUBLISHABLE_KEY, value.STRIPE_WEBHOOK_SECRET];
  if (stripeKeys.some(Boolean) && !stripeKeys.every(Boolean)) {
    throw new ConfigError(
      'Invalid configuration: STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET go together: set all three or none',
    );
  }
  if (value.NODE_ENV === 'production' && !value.STRIPE_SECRET_KEY) {
    throw new ConfigError(
      'Invalid configuration: STRIPE_SECRET_KEY must be set in production (the sandbox payment rail moves no real money)',
    );
  }
  if (value.NODE_ENV === 'production' && !value.MEDIA_URL_SECRET) {
    throw new ConfigError(
      'Invalid configuration: MEDIA_URL_SECRET must be set in production (every instance must sign media URLs with the same key)',
    );
  }
  return {
    host: value.HOST,
    port: value.PORT,
    dataDir: path.resolve(value.DATA_DIR),
    databaseUrl: value.DATABASE_URL || null,
    publicUrl: value.PUBLIC_URL ? value.PUBLIC_URL.replace(/\/+$/, '') : null,
    nodeEnv: value.NODE_ENV,
    smtpUrl: value.SMTP_URL || null,
    mailFrom: value.MAIL_FROM,
    platformFeeBasisPoints: value.PLATFORM_FEE_BPS,
    stripe:
      value.STRIPE_SECRET_KEY && value.STRIPE_PUBLISHABLE_KEY && value.STRIPE_WEBHOOK_SECRET
        ? {
            secretKey: value.STRIPE_SECRET_KEY,
            publishableKey: value.STRIPE_PUBLISHABLE_KEY,
            webhookSecret: value.STRIPE_WEBHOOK_SECRET,
          }
        : null,
    media: mediaConfigOf(value),
    // PORT=0 (a free port, as tests and several local servers use) picks free relay ports too, unless set.
    live:
      value.LIVE_RELAY === 'off'
        ? undefined
        : {
            rtmpPort: value.PORT === 0 && known.RTMP_PORT === undefined ? 0 : value.RTMP_PORT,
            playbackPort: value.PORT === 0 && known.LIVE_HTTP_PORT === undefined ? 0 : value.LIVE_HTTP_PORT,
            rtmpPublicUrl: value.RTMP_PUBLIC_URL ? value.RTMP_PUBLIC_URL.replace(/\/+$/, '') : null,
            playbackPublicUrl: value.LIVE_PLAYBACK_URL ? value.LIVE_PLAYBACK_URL.replace(/\/+$/, '') : null,
          },
    redisUrl: value.REDIS_URL ?? null,
  };
}

function mediaConfigOf(value: z.infer<typeof schema>): MediaConfig {
  const base = {
    maxUploadBytes: value.MEDIA_MAX_UPLOAD_BYTES,
    quotaBytes: value.MEDIA_QUOTA_BYTES,
    urlSecret: value.MEDIA_URL_SECRET ?? null,
    processingConcurrency: value.MEDIA_PROCESSING_CONCURRENCY,
  };
  if (value.MEDIA_STORE === 'local') return { ...base, store: { kind: 'local' } };
  if (!value.S3_BUCKET)
    throw new ConfigError('Invalid configuration: S3_BUCKET must be set when MEDIA_STORE is s3');
  if (Boolean(value.S3_ACCESS_KEY_ID) !== Boolean(value.S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError(
      'Invalid configuration: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both or neither',
    );
  }
  return {
    ...base,
    store: {
      kind: 's3',
      bucket: value.S3_BUCKET,
      region: value.S3_REGION,
      endpoint: value.S3_ENDPOINT ? value.S3_ENDPOINT.replace(/\/+$/, '') : null,
      credentials:
        value.S3_ACCESS_KEY_ID && value.S3_SECRET_ACCESS_KEY
          ? { accessKeyId: value.S3_ACCESS_KEY_ID, secretAccessKey: value.S3_SECRET_ACCESS_KEY }
          : null,
      forcePathStyle: value.S3_FORCE_PATH_STYLE === 'true',
    },
  };
}
