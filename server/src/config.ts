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
  return {
    host: value.HOST,
    port: value.PORT,
    dataDir: path.resolve(value.DATA_DIR),
    databaseUrl: value.DATABASE_URL || null,
    publicUrl: value.PUBLIC_URL ? value.PUBLIC_URL.replace(/\/+$/, '') : null,
    nodeEnv: value.NODE_ENV,
  };
}
