import type Database from 'better-sqlite3';
import type { PostMedia, PostSnapshot } from '@shared/domain/posts/post';
import { snapshotParams, type PostRow } from './post-row';

// A pulled change overwrites a post only when the creator has nothing of theirs waiting: no mutation in the
// outbox and no conflict or refusal to look at. Otherwise the server's copy is recorded and the push settles it.
const NO_LOCAL_STATE = `posts.sync_state IN ('synced', 'pending')`;
const NOTHING_WAITING = `NOT EXISTS (SELECT 1 FROM outbox WHERE outbox.entity = 'post' AND outbox.entity_id = posts.id)`;

/** A post's `post_media` rows as one JSON array, in order: the row's `media`. */
const MEDIA_OF_POST = `(SELECT json_group_array(json_object('mediaId', media_id, 'caption', caption) ORDER BY position)
    FROM post_media WHERE post_media.post_id = posts.id)`;
const SELECT_POSTS = `SELECT posts.*, ${MEDIA_OF_POST} AS media FROM posts`;

const SYNCED_COLUMNS = `(id, creator_id, title, body, access_rule, price_currency, price_minor, publish_at,
    expires_at, time_zone, status, version, confirmed_version, published_at, created_at, updated_at, deleted,
    sync_state, sync_error, server_copy)`;
const ON_CONFLICT_TAKE_THE_SERVERS = `ON CONFLICT (id) DO UPDATE SET creator_id = excluded.creator_id,
    title = excluded.title, body = excluded.body, access_rule = excluded.access_rule,
    price_currency = excluded.price_currency, price_minor = excluded.price_minor,
    publish_at = excluded.publish_at, expires_at = excluded.expires_at, time_zone = excluded.time_zone,
    status = excluded.status, version = excluded.version, confirmed_version = excluded.confirmed_version,
    published_at = excluded.published_at, created_at = excluded.created_at,
    updated_at = excluded.updated_at, deleted = 0, sync_state = 'synced', sync_error = NULL, server_copy = NULL`;
const UPSERT_SYNCED = `INSERT INTO posts ${SYNCED_COLUMNS}
  VALUES (@id, @creator_id, @title, @body, @access_rule, @price_currency, @price_minor, @publish_at, @expires_at,
    @time_zone, @status, @version, @version, @published_at, @created_at, @updated_at, 0, 'synced', NULL, NULL)
  ${ON_CONFLICT_TAKE_THE_SERVERS}`;

/** Rows per multi-row upsert of a pulled page: one statement per row cost half the time in SQLite's VM. */
const ROWS_PER_UPSERT = 50;
const POSITIONAL_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'synced', NULL, NULL)";

/** `post_media` rows from a JSON array of `{ id, media: [{ mediaId, caption }] }`, positions in array order. */
const INSERT_MEDIA_OF_POSTS = `INSERT INTO post_media (post_id, position, media_id, caption)
  SELECT post.value ->> 'id', item.key, item.value ->> 'mediaId', coalesce(item.value ->> 'caption', '')
  FROM json_each(?) AS post, json_each(post.value, '$.media') AS item`;

/**
 * The `posts` table of an account's database and each post's `post_media` rows: every statement that reads or
 * writes them, and nothing else writes them. A post and its media are written together; writes join the
 * caller's transaction.
 */
export class PostTable {
  private readonly selectAll: Database.Statement;
  private readonly selectOne: Database.Statement;
  private readonly selectUsingMedia: Database.Statement;
  private readonly insertRow: Database.Statement;
  private readonly updateRow: Database.Statement;
  private readonly deleteRow: Database.Statement;
  private readonly upsertIfSettled: Database.Statement;
  private readonly recordCopy: Database.Statement;
  private readonly deleteIfSettled: Database.Statement;
  private readonly forgetCopy: Database.Statement;
  private readonly selectWithLocalState: Database.Statement;
  private readonly deleteMedia: Database.Statement;
  private readonly insertMedia: Database.Statement;
  private readonly deleteMediaOfPosts: Database.Statement;
  private readonly insertMediaOfPosts: Database.Statement;
  /** Multi-row upserts by row count, prepared when first needed. */
  private readonly upsertRows = new Map<number, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    this.selectAll = db.prepare(`${SELECT_POSTS} WHERE deleted = 0 ORDER BY created_at DESC, id DESC`);
    this.selectOne = db.prepare(`${SELECT_POSTS} WHERE id = ?`);
    this.selectUsingMedia = db.prepare(`${SELECT_POSTS} WHERE deleted = 0
        AND id IN (SELECT post_id FROM post_media WHERE media_id = ?)
      ORDER BY created_at DESC, id DESC`);
    this.insertRow = db.prepare(`INSERT INTO posts (id, creator_id, title, body, access_rule, price_currency,
        price_minor, publish_at, expires_at, time_zone, status, version, confirmed_version, published_at,
        created_at, updated_at, deleted, sync_state, sync_error, server_copy)
      VALUES (@id, @creator_id, @title, @body, @access_rule, @price_currency, @price_minor, @publish_at,
        @expires_at, @time_zone, @status, @version, @confirmed_version, @published_at, @created_at, @updated_at,
        @deleted, @sync_state, @sync_error, @server_copy)`);
    this.updateRow = db.prepare(`UPDATE posts SET title = @title, body = @body, access_rule = @access_rule,
        price_currency = @price_currency, price_minor = @price_minor, publish_at = @publish_at,
        expires_at = @expires_at, time_zone = @time_zone, status = @status, version = @version,
        confirmed_version = @confirmed_version, published_at = @published_at, created_at = @created_at,
        updated_at = @updated_at, deleted = @deleted, sync_state = @sync_state, sync_error = @sync_error,
        server_copy = @server_copy
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
    // A post's media is replaced whole on every write: the set and its order are the post's, like its text.
    this.deleteMedia = db.prepare('DELETE FROM post_media WHERE post_id = ?');
    this.insertMedia = db.prepare(`INSERT INTO post_media (post_id, position, media_id, caption)
      SELECT ?, key, value ->> 'mediaId', coalesce(value ->> 'caption', '') FROM json_each(?)`);
    this.deleteMediaOfPosts = db.prepare(
      `DELETE FROM post_media WHERE post_id IN (SELECT value ->> 'id' FROM json_each(?))`,
    );
    this.insertMediaOfPosts = db.prepare(INSERT_MEDIA_OF_POSTS);
  }

  /** The posts not deleted, newest first. */
  list(): PostRow[] {
    return this.selectAll.all() as PostRow[];
  }

  find(id: string): PostRow | undefined {
    return this.selectOne.get(id) as PostRow | undefined;
  }

  /** The posts not deleted whose media (the creator's version) include this vault item, newest first. */
  usingMedia(mediaId: string): PostRow[] {
    return this.selectUsingMedia.all(mediaId) as PostRow[];
  }

  /** Writes a new post and its media. */
  insert(row: PostRow): void {
    this.insertRow.run(row);
    this.insertMedia.run(row.id, row.media);
  }

  /** Writes every column of the row, and its media. */
  update(row: PostRow): void {
    this.updateRow.run(row);
    this.deleteMedia.run(row.id);
    this.insertMedia.run(row.id, row.media);
  }

  /** Deletes the post; its media rows go with it (foreign key, on delete cascade). */
  remove(id: string): void {
    this.deleteRow.run(id);
  }

  /**
   * The server's post, as pulled: stored as synced unless the creator has something of theirs on it, in
   * which case its copy is kept beside theirs.
   */
  receive(post: PostSnapshot): void {
    const params = snapshotParams(post);
    if (this.upsertIfSettled.run(params).changes === 0) {
      this.recordCopy.run({ copy: JSON.stringify(post), version: post.version, id: post.id });
      return;
    }
    this.deleteMedia.run(post.id);
    this.insertMedia.run(post.id, params.media);
  }

  /**
   * Pulled posts, in feed order, as `receive` takes each: posts the creator has nothing of theirs on (the
   * usual catch-up) go in multi-row upserts; the few with something waiting or to settle go one by one.
   */
  receiveMany(posts: readonly PostSnapshot[]): void {
    const local = new Set(this.selectWithLocalState.all() as string[]);
    let batch: unknown[] = [];
    let rows = 0;
    // A post twice in one batch keeps its last media, as its row keeps its last version.
    let media = new Map<string, readonly PostMedia[]>();
    const flush = () => {
      if (rows === 0) return;
      this.upsertStatement(rows).run(batch);
      const posts = JSON.stringify([...media].map(([id, items]) => ({ id, media: items })));
      this.deleteMediaOfPosts.run(posts);
      this.insertMediaOfPosts.run(posts);
      batch = [];
      rows = 0;
      media = new Map();
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
        // A snapshot from before schedules (an older server's, an old feed entry) has none.
        post.publishAt ?? null,
        post.expiresAt ?? null,
        post.timeZone ?? null,
        post.status,
        post.version,
        post.version,
        post.publishedAt,
        post.createdAt,
        post.updatedAt,
      );
      media.set(post.id, post.media ?? []);
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
