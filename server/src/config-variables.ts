/**
 * Every environment variable the server reads, with its default and meaning: the README's configuration table
 * is checked against this list (config.test.ts), and `config.ts` parses them.
 */
import { DEFAULT_LIVE_CONFIG, DEFAULT_MEDIA_CONFIG } from './config-defaults';

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
