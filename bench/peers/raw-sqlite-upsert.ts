/**
 * The "speed of light" peers of the studio's sync apply: the same rows upserted into SQLite with nothing but
 * one prepared `INSERT … ON CONFLICT DO UPDATE` in one transaction (no outbox checks, no cursor, no change
 * decoding). `rawUpsertRate` uses the studio's own account database (its migrations: the `posts` table and
 * index); `rawUpsertRateBareTable` a
 * minimal table with only the snapshot's ten columns and no secondary index (a stricter peer).
 * Run alone: `npx tsx bench/peers/raw-sqlite-upsert.ts` (100,000 synthetic rows in a temp folder).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { PostSnapshot } from '@shared/domain/posts/post';
import { openDatabase } from '../../src/main/studio/db/connection';
import { snapshotParams } from '../../src/main/studio/posts/post-row';
import { perSecond } from '../support/stats';

/** A post as the server sends it in a change. */
export type PostRowInput = PostSnapshot;

export interface UpsertRate {
  readonly perSecond: number;
  readonly seconds: number;
}

const STUDIO_POSTS_UPSERT = `
  INSERT INTO posts (id, creator_id, title, body, access_rule, status, version, confirmed_version,
    published_at, created_at, updated_at, deleted, sync_state, sync_error, server_copy)
  VALUES (@id, @creator_id, @title, @body, @access_rule, @status, @version, @version,
    @published_at, @created_at, @updated_at, 0, 'synced', NULL, NULL)
  ON CONFLICT (id) DO UPDATE SET creator_id = excluded.creator_id, title = excluded.title,
    body = excluded.body, access_rule = excluded.access_rule, status = excluded.status,
    version = excluded.version, confirmed_version = excluded.confirmed_version,
    published_at = excluded.published_at, created_at = excluded.created_at, updated_at = excluded.updated_at,
    deleted = 0, sync_state = 'synced', sync_error = NULL, server_copy = NULL`;

const BARE_POSTS_SCHEMA = `
  CREATE TABLE posts (
    id TEXT PRIMARY KEY, creator_id TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,
    access_rule TEXT NOT NULL, status TEXT NOT NULL, version INTEGER NOT NULL, published_at TEXT,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL
  ) STRICT;
`;

const BARE_POSTS_UPSERT = `
  INSERT INTO posts (id, creator_id, title, body, access_rule, status, version, published_at, created_at,
    updated_at)
  VALUES (@id, @creator_id, @title, @body, @access_rule, @status, @version, @published_at, @created_at,
    @updated_at)
  ON CONFLICT (id) DO UPDATE SET creator_id = excluded.creator_id, title = excluded.title,
    body = excluded.body, access_rule = excluded.access_rule, status = excluded.status,
    version = excluded.version, published_at = excluded.published_at, created_at = excluded.created_at,
    updated_at = excluded.updated_at`;

/**
 * Times the upsert of all rows into `db` (already holding the table) in one transaction; closes it after. The
 * parameters of each row are built inside the timing, as the studio's apply builds them.
 */
function timeUpsert(db: Database.Database, rows: readonly PostRowInput[], upsert: string): UpsertRate {
  try {
    const statement = db.prepare(upsert);
    const upsertAll = db.transaction((posts: readonly PostRowInput[]) => {
      for (const post of posts) {
        // The same named parameters the studio's apply binds for a pulled post.
        statement.run(snapshotParams(post));
      }
    });
    const started = performance.now();
    upsertAll(rows);
    const seconds = (performance.now() - started) / 1000;
    return { perSecond: rows.length / seconds, seconds };
  } finally {
    db.close();
  }
}

/** Upserts `rows` into the studio's `posts` table (and its index) in a fresh database at `file`. */
export function rawUpsertRate(rows: readonly PostRowInput[], file: string): UpsertRate {
  // The studio's own account database: its settings, its migrations, its `posts` table and index.
  return timeUpsert(openDatabase(file), rows, STUDIO_POSTS_UPSERT);
}

/** The same upsert into a table of the ten snapshot columns only, without a secondary index. */
export function rawUpsertRateBareTable(rows: readonly PostRowInput[], file: string): UpsertRate {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(BARE_POSTS_SCHEMA);
  return timeUpsert(db, rows, BARE_POSTS_UPSERT);
}

/** Posts like the changes bench/fixtures/seeded-server.ts bulk-loads: one creator, published, version 1. */
export function syntheticPosts(count: number): PostRowInput[] {
  const creatorId = randomUUID();
  const at = new Date().toISOString();
  const body = 'A studio note of ordinary length. '.repeat(8);
  return Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    creatorId,
    title: `Post number ${i + 1}`,
    body,
    accessRule: { kind: (i + 1) % 2 === 0 ? 'public' : 'follower' },
    status: 'published',
    version: 1,
    publishedAt: at,
    createdAt: at,
    updatedAt: at,
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = syntheticPosts(100_000);
  const dir = mkdtempSync(join(tmpdir(), 'mesi-bench-raw-upsert-'));
  try {
    const format = (r: UpsertRate) => `${perSecond(r.perSecond)} (${r.seconds.toFixed(2)} s)`;
    console.table({
      'raw SQLite upsert, 100,000 rows, studio posts table': format(
        rawUpsertRate(rows, join(dir, 'studio.sqlite')),
      ),
      'raw SQLite upsert, 100,000 rows, bare table': format(
        rawUpsertRateBareTable(rows, join(dir, 'bare.sqlite')),
      ),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
