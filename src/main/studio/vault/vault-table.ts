import type Database from 'better-sqlite3';
import type { MediaKind, MediaStatus } from '@shared/domain/media/media';
import type { VaultItemRow } from './vault-item';
import { vaultPageSql, type VaultPageShape } from './vault-page-sql';

/**
 * Which rows a page holds, as the library has parsed them. `match`: an FTS5 expression, built safely (the page
 * is then in the index's order and `after` is a `seq`); `tag`: checked exactly (and in `match` if it has words).
 */
export interface VaultSearch {
  readonly match: string | null;
  readonly kind: MediaKind | null;
  readonly tag: string | null;
  readonly usedIn: 'any' | 'unused' | null;
  readonly after: { readonly seq: number } | { readonly createdAt: string; readonly id: string } | null;
  readonly limit: number;
}

/** A row of a page: the item, and its place in the search index's order when the page was searched. */
export type VaultPageRow = VaultItemRow & { search_seq: number | null };

/** The metadata the creator edits, as stored. */
export interface VaultMetadata {
  readonly title: string;
  readonly notes: string;
  readonly tags: readonly string[];
}

const INSERT_ITEM = `INSERT INTO vault_items (id, kind, sha256, original_name, original_path, bytes, mime, title,
    notes, duration_ms, width, height, video_codec, audio_codec, watermark, server_status, server_failure,
    created_at, updated_at, deleted_at)
  VALUES (@id, @kind, @sha256, @original_name, @original_path, @bytes, @mime, @title, @notes, @duration_ms,
    @width, @height, @video_codec, @audio_codec, @watermark, @server_status, @server_failure, @created_at,
    @updated_at, @deleted_at)`;

/**
 * The vault's own tables of an account's database: `vault_items`, `vault_tags` and the `vault_search` FTS5
 * index, kept in step (every write here touches the three in the caller's transaction). Reads of the other
 * vault tables (jobs, renditions, uploads) live with whoever writes them.
 */
export class VaultTable {
  private readonly selectById: Database.Statement<[string], VaultItemRow>;
  private readonly selectBySha: Database.Statement<[string], VaultItemRow>;
  private readonly insertItem: Database.Statement;
  private readonly insertTag: Database.Statement<[string, string]>;
  private readonly deleteTags: Database.Statement<[string]>;
  private readonly selectTags: Database.Statement<[string], string>;
  private readonly selectTagsOfMany: Database.Statement<[string], { item_id: string; tag: string }>;
  private readonly insertSearch: Database.Statement;
  private readonly updateSearch: Database.Statement;
  private readonly searchRowTaken: Database.Statement<[number | bigint], number>;
  private readonly searchRowAt: Database.Statement<[{ rowid: number | bigint; id: string }], number>;
  private readonly searchRowScan: Database.Statement<[string], number>;
  private readonly itemRowid: Database.Statement<[string], number>;
  private readonly updateMetadata: Database.Statement;
  private readonly setDeleted: Database.Statement;
  private readonly updateServerStatus: Database.Statement;
  private readonly selectTagCounts: Database.Statement<[], { tag: string; count: number }>;
  /** Page statements by shape (a few dozen at most), prepared when first needed. */
  private readonly pages = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    /** An SQL condition over `i`: the item is used somewhere (`VaultUsage.usedSql`). */
    private readonly usedSql: string,
  ) {
    this.selectById = db.prepare('SELECT * FROM vault_items WHERE id = ?');
    this.selectBySha = db.prepare('SELECT * FROM vault_items WHERE sha256 = ?');
    this.insertItem = db.prepare(INSERT_ITEM);
    this.insertTag = db.prepare('INSERT OR IGNORE INTO vault_tags (item_id, tag) VALUES (?, ?)');
    this.deleteTags = db.prepare('DELETE FROM vault_tags WHERE item_id = ?');
    this.selectTags = pluck<[string], string>(
      db,
      'SELECT tag FROM vault_tags WHERE item_id = ? ORDER BY tag',
    );
    // Ids go in as one JSON array: one statement for a page, whatever its size.
    this.selectTagsOfMany = db.prepare(
      'SELECT item_id, tag FROM vault_tags WHERE item_id IN (SELECT value FROM json_each(?)) ORDER BY tag',
    );
    // An item's search row takes the item's own rowid: the index's order is then the order items were added
    // (a page of a search walks it), and an edit finds the row at once. `rowid` NULL: the next free one.
    this.insertSearch =
      db.prepare(`INSERT INTO vault_search (rowid, item_id, title, notes, tags, original_name)
      VALUES (@rowid, @id, @title, @notes, @tags, @original_name)`);
    this.updateSearch = db.prepare(`UPDATE vault_search SET title = @title, notes = @notes, tags = @tags,
      original_name = @original_name WHERE rowid = @rowid`);
    this.searchRowTaken = pluck<[number | bigint], number>(db, 'SELECT 1 FROM vault_search WHERE rowid = ?');
    this.itemRowid = pluck<[string], number>(db, 'SELECT rowid FROM vault_items WHERE id = ?');
    this.searchRowAt = pluck<[{ rowid: number | bigint; id: string }], number>(
      db,
      'SELECT rowid FROM vault_search WHERE rowid = @rowid AND item_id = @id',
    );
    // `item_id` is UNINDEXED, so this reads every row of the index (about 13 ms at 100,000 items). Only needed
    // if the two rowids parted (a VACUUM may renumber `vault_items`, which has no INTEGER PRIMARY KEY).
    this.searchRowScan = pluck<[string], number>(db, 'SELECT rowid FROM vault_search WHERE item_id = ?');
    this.updateMetadata = db.prepare(
      'UPDATE vault_items SET title = @title, notes = @notes, updated_at = @updated_at WHERE id = @id',
    );
    this.setDeleted = db.prepare(
      'UPDATE vault_items SET deleted_at = @deleted_at, updated_at = @updated_at WHERE id = @id',
    );
    this.updateServerStatus = db.prepare(`UPDATE vault_items SET server_status = @status,
        server_failure = @failure, updated_at = @updated_at WHERE id = @id`);
    this.selectTagCounts = db.prepare(`SELECT t.tag AS tag, count(*) AS count FROM vault_tags t
      JOIN vault_items i ON i.id = t.item_id WHERE i.deleted_at IS NULL GROUP BY t.tag ORDER BY t.tag`);
  }

  /** The item, deleted or not. */
  get(id: string): VaultItemRow | undefined {
    return this.selectById.get(id);
  }

  /** The item holding these bytes, deleted or not (the hash is unique over both). */
  findBySha256(sha256: string): VaultItemRow | undefined {
    return this.selectBySha.get(sha256);
  }

  /** A new item with its tags and its search row. */
  insert(row: VaultItemRow, tags: readonly string[]): void {
    const { lastInsertRowid } = this.insertItem.run(row);
    for (const tag of tags) this.insertTag.run(row.id, tag);
    const rowid = this.searchRowTaken.get(lastInsertRowid) === undefined ? lastInsertRowid : null;
    this.insertSearch.run({ rowid, ...searchParams(row, tags) });
  }

  tagsOf(id: string): string[] {
    return this.selectTags.all(id);
  }

  /** The tags of several items (sorted), in one statement. */
  tagsOfMany(ids: readonly string[]): Map<string, string[]> {
    const tags = new Map<string, string[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return tags;
    for (const row of this.selectTagsOfMany.all(JSON.stringify(ids))) tags.get(row.item_id)?.push(row.tag);
    return tags;
  }

  /** Replaces the item's title, notes and tags, and its search row. */
  setMetadata(id: string, metadata: VaultMetadata, at: string): void {
    this.updateMetadata.run({ id, title: metadata.title, notes: metadata.notes, updated_at: at });
    this.deleteTags.run(id);
    for (const tag of metadata.tags) this.insertTag.run(id, tag);
    const row = this.get(id);
    if (!row) return;
    const params = searchParams(row, metadata.tags);
    const rowid = this.searchRowOf(id);
    // Updated in place: the item keeps its place in the index's order.
    if (rowid !== undefined) this.updateSearch.run({ rowid, ...params });
    else this.insertSearch.run({ rowid: null, ...params });
  }

  private searchRowOf(id: string): number | undefined {
    const itemRowid = this.itemRowid.get(id);
    if (itemRowid === undefined) return undefined;
    return this.searchRowAt.get({ rowid: itemRowid, id }) ?? this.searchRowScan.get(id);
  }

  /** Marks the item deleted (`at`) or, with null, brings it back. Its files and search row stay. */
  setDeletedAt(id: string, deletedAt: string | null, at: string): void {
    this.setDeleted.run({ id, deleted_at: deletedAt, updated_at: at });
  }

  /** What the server last said of the item (written by the upload queue and the `media` kind). */
  setServerStatus(id: string, status: MediaStatus | null, failure: string | null, at: string): void {
    this.updateServerStatus.run({ id, status, failure, updated_at: at });
  }

  /** Every tag in use on an item not deleted, with how many items carry it. */
  tagCounts(): { tag: string; count: number }[] {
    return this.selectTagCounts.all();
  }

  /** One page of items not deleted, newest first, matching every filter given. */
  search(search: VaultSearch): VaultPageRow[] {
    const after = search.after;
    return this.pageStatement({
      searched: search.match !== null,
      kind: search.kind !== null,
      tag: search.tag !== null,
      usedIn: search.usedIn,
      after: after !== null,
    }).all({
      match: search.match,
      kind: search.kind,
      tag: search.tag,
      after_seq: after && 'seq' in after ? after.seq : null,
      after_at: after && 'createdAt' in after ? after.createdAt : null,
      after_id: after && 'id' in after ? after.id : null,
      limit: search.limit,
    }) as VaultPageRow[];
  }

  private pageStatement(shape: VaultPageShape): Database.Statement {
    const key = JSON.stringify(shape);
    let statement = this.pages.get(key);
    if (!statement) {
      statement = this.db.prepare(vaultPageSql(shape, this.usedSql));
      this.pages.set(key, statement);
    }
    return statement;
  }
}

function pluck<P extends unknown[], R>(db: Database.Database, sql: string): Database.Statement<P, R> {
  return db.prepare(sql).pluck() as unknown as Database.Statement<P, R>;
}

function searchParams(row: VaultItemRow, tags: readonly string[]) {
  return {
    id: row.id,
    title: row.title,
    notes: row.notes,
    tags: tags.join(' '),
    original_name: row.original_name,
  };
}
