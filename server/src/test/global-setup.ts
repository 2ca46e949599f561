import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data folder tarball; null when the suite runs on PostgreSQL (TEST_DATABASE_URL). */
    pgliteTemplate: string | null;
  }
}

/**
 * PGlite's first open of an empty folder runs initdb (seconds). Do it once, migrate, and dump the data folder;
 * each test file then starts its own PGlite from this tarball in a fraction of the time.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('pgliteTemplate', null);
    return async () => undefined;
  }
  const started = Date.now();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mesi-pglite-template-'));
  const database = await openDatabase({ databaseUrl: null });
  const pglite = database.pglite!;
  await migrateToLatest(database.db);
  const dump = await pglite.dumpDataDir('none');
  const file = path.join(dir, 'template.tar');
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('pgliteTemplate', file);
  console.log(`server tests: PGlite template ready in ${Date.now() - started} ms`);
  return () => rm(dir, { recursive: true, force: true });
}
