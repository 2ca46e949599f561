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
}

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
  MAIL_FROM: z.string().trim().min(3, 'must be a sender address').default('Mesi <no-reply@localhost>'),
  NODE_ENV: z
    .enum(['development', 'production', 'test'], 'must be development, production or test')
    .default('development'),
});

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
  return {
    host: value.HOST,
    port: value.PORT,
    dataDir: path.resolve(value.DATA_DIR),
    databaseUrl: value.DATABASE_URL || null,
    publicUrl: value.PUBLIC_URL ? value.PUBLIC_URL.replace(/\/+$/, '') : null,
    nodeEnv: value.NODE_ENV,
    smtpUrl: value.SMTP_URL || null,
    mailFrom: value.MAIL_FROM,
  };
}
