import path from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_LIVE_CONFIG,
  DEFAULT_MEDIA_CONFIG,
  type LiveConfig,
  type MediaConfig,
} from './config-defaults';
import { CONFIG_VARIABLES } from './config-variables';

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

export {
  DEFAULT_LIVE_CONFIG,
  DEFAULT_MEDIA_CONFIG,
  type LiveConfig,
  type MediaConfig,
  type MediaStoreConfig,
} from './config-defaults';
export { CONFIG_VARIABLES, type ConfigVariable } from './config-variables';

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
