import type Database from 'better-sqlite3';
import type { MediaKind, MediaStatus } from '@shared/domain/media/media';
import type { VaultItemRow } from './vault-item';
import type { VaultCursor } from './vault-search-query';

/** Which rows a page holds, as the library has already parsed it (`match`: an FTS5 expression, safely built). */
export interface VaultSearch {
  readonly match: string | null;
  readonly kind: MediaKind | null;
  readonly tag: string | null;
  readonly usedIn: 'any' | 'unused' | null;
  readonly after: VaultCursor | null;
  readonly limit: number;
}

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
  private readonly deleteSearch: Database.Statement<[string]>;
  private readonly updateMetadata: Database.Statement;
  private readonly setDeleted: Database.Statement;
  private readonly updateServerStatus: Database.Statement;
  private readonly selectTagCounts: Database.Statement<[], { tag: string; count: number }>;
  /** Search statements by which filters they have (at most 2^5 of them), prepared when first needed. */
  private readonly searches = new Map<string, Database.Statement>();

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
    this.selectTags = db
      .prepare('SELECT tag FROM vault_tags WHERE item_id = ? ORDER BY tag')
      .pluck() as Database.Statement<[string], string>;
    // Ids go in as one JSON array: one statement for a page, whatever its size.
    this.selectTagsOfMany = db.prepare(
      'SELECT item_id, tag FROM vault_tags WHERE item_id IN (SELECT value FROM json_each(?)) ORDER BY tag',
    );
    this.insertSearch = db.prepare(`INSERT INTO vault_search (item_id, title, notes, tags, original_name)
      VALUES (@id, @title, @notes, @tags, @original_name)`);
    // `item_id` is UNINDEXED, so this reads the index's rows (about 13 ms at 100,000 items): paid on an edit of
    // the metadata only, never on a search, which joins the other way.
    this.deleteSearch = db.prepare('DELETE FROM vault_search WHERE item_id = ?');
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
    this.insertItem.run(row);
    for (const tag of tags) this.insertTag.run(row.id, tag);
    this.insertSearch.run(searchParams(row, tags));
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
    this.deleteSearch.run(id);
    const row = this.get(id);
    if (row) this.insertSearch.run(searchParams(row, metadata.tags));
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

  /** One page of items not deleted, newest first (ties by id), matching every filter given. */
  search(search: VaultSearch): VaultItemRow[] {
    return this.searchStatement(search).all({
      match: search.match,
      kind: search.kind,
      tag: search.tag,
      after_at: search.after?.createdAt ?? null,
      after_id: search.after?.id ?? null,
      limit: search.limit,
    }) as VaultItemRow[];
  }

  private searchStatement(search: VaultSearch): Database.Statement {
    const key = [search.match, search.kind, search.tag, search.after]
      .map((filter) => (filter === null ? '-' : '+'))
      .join('')
      .concat(search.usedIn ?? '-');
    let statement = this.searches.get(key);
    if (!statement) {
      const conditions = ['i.deleted_at IS NULL'];
      if (search.match !== null) {
        conditions.push('i.id IN (SELECT item_id FROM vault_search WHERE vault_search MATCH @match)');
      }
      if (search.kind !== null) conditions.push('i.kind = @kind');
      if (search.tag !== null) conditions.push('i.id IN (SELECT item_id FROM vault_tags WHERE tag = @tag)');
      if (search.usedIn === 'any') conditions.push(this.usedSql);
      if (search.usedIn === 'unused') conditions.push(`NOT ${this.usedSql}`);
      if (search.after !== null) conditions.push('(i.created_at, i.id) < (@after_at, @after_id)');
      statement = this.db.prepare(`SELECT i.* FROM vault_items i WHERE ${conditions.join(' AND ')}
        ORDER BY i.created_at DESC, i.id DESC LIMIT @limit`);
      this.searches.set(key, statement);
    }
    return statement;
  }
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
