import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/temp-dir';
import { openDatabase } from './connection';
import { MigrationError, type Migration } from './migration';
import { accountMigrations } from './migrations/account';
import { studioMigrations } from './migrations/studio';
import { migrate } from './migrator';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

const tables = (db: Database.Database) =>
  db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all();

describe('account database', () => {
  it('opens in WAL mode with foreign keys on and every migration recorded', () => {
    const db = openDatabase(join(dir.path, 'accounts', 'a.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(tables(db)).toEqual([
      'live_chat_settings',
      'live_streams',
      'outbox',
      'payments',
      'post_media',
      'posts',
      'profile',
      'promo_codes',
      'schema_migrations',
      'sync_meta',
      'tiers',
      'tip_settings',
      'vault_items',
      'vault_jobs',
      'vault_renditions',
      'vault_search',
      'vault_search_config',
      'vault_search_content',
      'vault_search_data',
      'vault_search_docsize',
      'vault_search_idx',
      'vault_tags',
      'vault_uploads',
    ]);
    expect(db.prepare('SELECT name FROM schema_migrations').pluck().all()).toEqual(
      accountMigrations.map((m) => m.name),
    );
    db.close();
  });

  it('applies each migration once, however often the file is opened', () => {
    const file = join(dir.path, 'a.sqlite');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(migrate(db, accountMigrations)).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(accountMigrations.length);
    db.close();
  });

  it('keeps the mutations an older studio left waiting, in order and with their ids, as the kind-neutral outbox', () => {
    const file = join(dir.path, 'older.sqlite');
    const older = new Database(file);
    migrate(older, accountMigrations.slice(0, 1));
    const postId = '018f0000-0000-7000-8000-0000000000b1';
    const insert = older.prepare(
      'INSERT INTO outbox (id, post_id, mutation, enqueued_at) VALUES (?, ?, ?, ?)',
    );
    const draft = { title: 'T', body: 'B', accessRule: { kind: 'public' } };
    insert.run('m1', postId, JSON.stringify({ id: 'm1', type: 'post.create', postId, draft }), 'at');
    insert.run(
      'm2',
      postId,
      JSON.stringify({ id: 'm2', type: 'post.update', postId, baseVersion: 1, draft }),
      'at',
    );
    insert.run('m3', postId, JSON.stringify({ id: 'm3', type: 'post.publish', postId }), 'at');
    older.close();

    const db = openDatabase(file);
    const rows = db.prepare('SELECT id, entity, entity_id, mutation FROM outbox ORDER BY seq').all() as {
      id: string;
      entity: string;
      entity_id: string;
      mutation: string;
    }[];
    expect(rows.map((row) => [row.id, row.entity, row.entity_id, JSON.parse(row.mutation)])).toEqual([
      [
        'm1',
        'post',
        postId,
        { id: 'm1', entity: 'post', entityId: postId, change: { type: 'create', draft } },
      ],
      [
        'm2',
        'post',
        postId,
        { id: 'm2', entity: 'post', entityId: postId, change: { type: 'update', baseVersion: 1, draft } },
      ],
      ['m3', 'post', postId, { id: 'm3', entity: 'post', entityId: postId, change: { type: 'publish' } }],
    ]);
    db.close();
  });

  it('keeps the studio index in its own schema', () => {
    const db = openDatabase(join(dir.path, 'studio.sqlite'), studioMigrations);
    expect(tables(db)).toEqual(['accounts', 'active_account', 'local_server', 'schema_migrations']);
    db.close();
  });
});

describe('a failing migration', () => {
  const good: Migration = {
    name: '0001-add-notes',
    up: (db) => db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)'),
  };
  const bad: Migration = {
    name: '0002-add-x',
    up: (db) => {
      db.exec('CREATE TABLE x (id INTEGER PRIMARY KEY)');
      db.exec("INSERT INTO notes (text) VALUES ('half done')");
      db.exec('ALTER TABLE no_such_table ADD COLUMN y TEXT');
    },
  };

  it('rolls back, leaves the file as it was and names the migration', () => {
    const file = join(dir.path, 'a.sqlite');
    openDatabase(file, [good]).close();
    const before = snapshot(file);

    let error: unknown;
    try {
      openDatabase(file, [good, bad]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(/^Migration 0002-add-x failed: no such table: no_such_table/);

    expect(snapshot(file)).toEqual(before);
  });

  it('keeps the migrations before it when several run at once', () => {
    const db = new Database(join(dir.path, 'b.sqlite'));
    expect(() => migrate(db, [good, bad])).toThrow(MigrationError);
    expect(tables(db)).toEqual(['notes', 'schema_migrations']);
    expect(db.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(0);
    expect(db.prepare('SELECT name FROM schema_migrations').pluck().all()).toEqual(['0001-add-notes']);
    db.close();
  });

  it('refuses a list that is out of order', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [bad, good])).toThrow(/listed in order/);
    db.close();
  });
});

/** Everything a reader of the file can see: schema, migrations and rows. */
function snapshot(file: string) {
  const db = new Database(file, { readonly: true });
  const schema = db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all();
  const migrations = db.prepare('SELECT name FROM schema_migrations').pluck().all();
  const notes = db.prepare('SELECT * FROM notes').all();
  db.close();
  expect(readFileSync(file).length).toBeGreaterThan(0);
  return { schema, migrations, notes };
}
