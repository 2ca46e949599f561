import path from 'node:path';
import { startServer } from './app';
import { ConfigError, loadConfig } from './config';
import { describeDatabaseLocation } from './db/database';
import { describeRedisLocation } from './adapters/redis-location';

/** Start-up: configuration, database, HTTP; one `listening on` line once ready; graceful stop on signals. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const started = Date.now();
  const pgliteDir = path.join(config.dataDir, 'pglite');
  console.error(
    `Mesi server: opening ${describeDatabaseLocation({ databaseUrl: config.databaseUrl, pgliteDir })}`,
  );
  const server = await startServer(config);
  console.error(`Mesi server: ${server.databaseKind} database ready in ${Date.now() - started} ms`);
  console.error(`Mesi server: mail goes to ${server.mailDescription}`);
  const fanOut = config.redisUrl
    ? `through Redis at ${describeRedisLocation(config.redisUrl)}`
    : 'in process (one instance; REDIS_URL shares them between instances)';
  console.error(`Mesi server: live events fan out ${fanOut}`);
  if (server.live) {
    console.error(
      `Mesi server: studios push live streams to ${server.live.rtmpUrl}; players fetch them from ${server.live.playbackUrl}`,
    );
  }
  process.stdout.write(`Mesi server listening on ${server.url}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`Mesi server: ${signal}, closing`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('Mesi server: close failed', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
