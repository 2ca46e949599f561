import type Database from 'better-sqlite3';
import type { PostSnapshot } from '@shared/domain/posts/post';
import { snapshotParams, type PostRow } from './post-row';

// A pulled change overwrites a post only when the creator has nothing of theirs waiting: no mutation in the
// outbox and no conflict or refusal to look at. Otherwise the server's copy is recorded and the push settles it.
const NO_LOCAL_STATE = `posts.sync_state IN ('synced', 'pending')`;
const NOTHING_WAITING = `NOT EXISTS (SELECT 1 FROM outbox WHERE outbox.entity = 'post' AND outbox.entity_id = posts.id)`;

const SYNCED_COLUMNS = `(id, creator_id, title, body, access_rule, price_currency, price_minor, status, version,
    confirmed_version, published_at, created_at, updated_at, deleted, sync_state, sync_error, server_copy)`;
const ON_CONFLICT_TAKE_THE_SERVERS = `ON CONFLICT (id) DO UPDATE SET creator_id = excluded.creator_id,
    title = excluded.title, body = excluded.body, access_rule = excluded.access_rule,
    price_currency = excluded.price_currency, price_minor = excluded.price_minor, status = excluded.status,
    version = excluded.version, confirmed_version = excluded.confirmed_version,
    published_at = excluded.published_at, created_at = excluded.created_at,
    updated_at = excluded.updated_at, deleted = 0, sync_state = 'synced', sync_error = NULL, server_copy = NULL`;
const UPSERT_SYNCED = `INSERT INTO posts ${SYNCED_COLUMNS}
  VALUES (@id, @creator_id, @title, @body, @access_rule, @price_currency, @price_minor, @status, @version,
    @version, @published_at, @created_at, @updated_at, 0, 'synced', NULL, NULL)
  ${ON_CONFLICT_TAKE_THE_SERVERS}`;

/** Rows per multi-row upsert of a pulled page: one statement per row cost half the time in SQLite's VM. */
const ROWS_PER_UPSERT = 50;
const POSITIONAL_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'synced', NULL, NULL)";

/**
 * The `posts` table of an account's database: every statement that reads or writes it, and nothing else
 * does. Writes join the caller's transaction.
 */
export class PostTable {
  private readonly selectAll: Database.Statement;
  private readonly selectOne: Database.Statement;
  private readonly insertRow: Database.Statement;
  private readonly updateRow: Database.Statement;
  private readonly deleteRow: Database.Statement;
  private readonly upsertIfSettled: Database.Statement;
  private readonly recordCopy: Database.Statement;
  private readonly deleteIfSettled: Database.Statement;
  private readonly forgetCopy: Database.Statement;
  private readonly selectWithLocalState: Database.Statement;
  /** Multi-row upserts by row count, prepared when first needed. */
  private readonly upsertRows = new Map<number, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    this.selectAll = db.prepare('SELECT * FROM posts WHERE deleted = 0 ORDER BY created_at DESC, id DESC');
    this.selectOne = db.prepare('SELECT * FROM posts WHERE id = ?');
    this.insertRow = db.prepare(`INSERT INTO posts (id, creator_id, title, body, access_rule, price_currency,
        price_minor, status, version, confirmed_version, published_at, created_at, updated_at, deleted, sync_state,
        sync_error, server_copy)
      VALUES (@id, @creator_id, @title, @body, @access_rule, @price_currency, @price_minor, @status, @version,
        @confirmed_version, @published_at, @created_at, @updated_at, @deleted, @sync_state, @sync_error,
        @server_copy)`);
    this.updateRow = db.prepare(`UPDATE posts SET title = @title, body = @body, access_rule = @access_rule,
        price_currency = @price_currency, price_minor = @price_minor, status = @status, version = @version, confirmed_version = @confirmed_version, published_at = @published_at,
        created_at = @created_at, updated_at = @updated_at, deleted = @deleted, sync_state = @sync_state,
        sync_error = @sync_error, server_copy = @server_copy
      WHERE id = @id`);
    this.deleteRow = db.prepare('DELETE FROM posts WHERE id = ?');
    this.upsertIfSettled = db.prepare(`${UPSERT_SYNCED} WHERE ${NO_LOCAL_STATE} AND ${NOTHING_WAITING}`);
    // With nothing waiting in the outbox, the next local edit is based on this server version.
    this.recordCopy = db.prepare(`UPDATE posts SET server_copy = @copy, confirmed_version = @version,
        version = CASE WHEN ${NOTHING_WAITING} THEN @version ELSE version END
      WHERE id = @id`);
    this.deleteIfSettled = db.prepare(
      `DELETE FROM posts WHERE id = ? AND ${NO_LOCAL_STATE} AND ${NOTHING_WAITING}`,
    );
    this.forgetCopy = db.prepare(
      'UPDATE posts SET server_copy = NULL, confirmed_version = NULL WHERE id = ?',
    );
    this.selectWithLocalState = db
      .prepare(
        `SELECT id FROM posts WHERE sync_state IN ('conflict', 'rejected')
          UNION SELECT entity_id FROM outbox WHERE entity = 'post'`,
      )
      .pluck();
  }

  /** The posts not deleted, newest first. */
  list(): PostRow[] {
    return this.selectAll.all() as PostRow[];
  }

  find(id: string): PostRow | undefined {
    return this.selectOne.get(id) as PostRow | undefined;
  }

  insert(row: PostRow): void {
    this.insertRow.run(row);
  }

  /** Writes every column of the row. */
  update(row: PostRow): void {
    this.updateRow.run(row);
  }

  remove(id: string): void {
    this.deleteRow.run(id);
  }

  /**
   * The server's post, as pulled: stored as synced unless the creator has something of theirs on it, in
   * which case its copy is kept beside theirs.
   */
  receive(post: PostSnapshot): void {
    if (this.upsertIfSettled.run(snapshotParams(post)).changes === 0) {
      this.recordCopy.run({ copy: JSON.stringify(post), version: post.version, id: post.id });
    }
  }

  /**
   * Pulled posts, in feed order, as `receive` takes each: posts the creator has nothing of theirs on (the
   * usual catch-up) go in multi-row upserts; the few with something waiting or to settle go one by one.
   */
  receiveMany(posts: readonly PostSnapshot[]): void {
    const local = new Set(this.selectWithLocalState.all() as string[]);
    let batch: unknown[] = [];
    let rows = 0;
    const flush = () => {
      if (rows > 0) this.upsertStatement(rows).run(batch);
      batch = [];
      rows = 0;
    };
    for (const post of posts) {
      if (local.has(post.id)) {
        flush();
        this.receive(post);
        continue;
      }
      batch.push(
        post.id,
        post.creatorId,
        post.title,
        post.body,
        JSON.stringify(post.accessRule),
        post.price?.currency ?? null,
        post.price?.minor ?? null,
        post.status,
        post.version,
        post.version,
        post.publishedAt,
        post.createdAt,
        post.updatedAt,
      );
      if (++rows === ROWS_PER_UPSERT) flush();
    }
    flush();
  }

  /** The server deleted the post: gone here too, unless the creator has something of theirs on it. */
  receiveDeletion(id: string): void {
    if (this.deleteIfSettled.run(id).changes === 0) this.forgetCopy.run(id);
  }

  private upsertStatement(rows: number): Database.Statement {
    let statement = this.upsertRows.get(rows);
    if (!statement) {
      const values = Array.from({ length: rows }, () => POSITIONAL_ROW).join(', ');
      statement = this.db.prepare(
        `INSERT INTO posts ${SYNCED_COLUMNS} VALUES ${values} ${ON_CONFLICT_TAKE_THE_SERVERS}`,
      );
      this.upsertRows.set(rows, statement);
    }
    return statement;
  }
}
