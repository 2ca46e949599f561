import type Database from 'better-sqlite3';

export const VAULT_RENDITIONS = ['web', 'thumb', 'contact', 'preview', 'poster'] as const;
export type VaultRenditionName = (typeof VAULT_RENDITIONS)[number];

/** One file processing made of an item; `path` is relative to the vault's media folder (`VaultFolders`). */
export interface VaultRendition {
  readonly itemId: string;
  readonly name: VaultRenditionName;
  readonly path: string;
  readonly bytes: number;
  readonly mime: string;
  readonly width: number | null;
  readonly height: number | null;
  readonly durationMs: number | null;
  readonly createdAt: string;
}

/** What processing learnt of the original, stored on the item. */
export interface ItemMediaFacts {
  readonly durationMs: number | null;
  readonly width: number | null;
  readonly height: number | null;
  readonly videoCodec: string | null;
  readonly audioCodec: string | null;
}

interface RenditionRow {
  item_id: string;
  name: VaultRenditionName;
  path: string;
  bytes: number;
  mime: string;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
  created_at: string;
}

const toRendition = (row: RenditionRow): VaultRendition => ({
  itemId: row.item_id,
  name: row.name,
  path: row.path,
  bytes: row.bytes,
  mime: row.mime,
  width: row.width,
  height: row.height,
  durationMs: row.duration_ms,
  createdAt: row.created_at,
});

/**
 * `vault_renditions`, and the probe columns of `vault_items` that only processing writes: an item's renditions
 * are replaced all together with what was learnt of the original, in one transaction.
 */
export class RenditionTable {
  private readonly selectOne: Database.Statement<[string, string], RenditionRow>;
  private readonly selectOfItem: Database.Statement<[string], RenditionRow>;
  private readonly deleteOfItem: Database.Statement<[string]>;
  private readonly insertRow: Database.Statement;
  private readonly updateFacts: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.selectOne = db.prepare('SELECT * FROM vault_renditions WHERE item_id = ? AND name = ?');
    this.selectOfItem = db.prepare('SELECT * FROM vault_renditions WHERE item_id = ? ORDER BY name');
    this.deleteOfItem = db.prepare('DELETE FROM vault_renditions WHERE item_id = ?');
    this.insertRow =
      db.prepare(`INSERT INTO vault_renditions (item_id, name, path, bytes, mime, width, height,
        duration_ms, created_at)
      VALUES (@itemId, @name, @path, @bytes, @mime, @width, @height, @durationMs, @createdAt)`);
    this.updateFacts = db.prepare(`UPDATE vault_items SET duration_ms = @durationMs, width = @width,
        height = @height, video_codec = @videoCodec, audio_codec = @audioCodec, updated_at = @at
      WHERE id = @itemId`);
  }

  get(itemId: string, name: VaultRenditionName): VaultRendition | undefined {
    const row = this.selectOne.get(itemId, name);
    return row && toRendition(row);
  }

  ofItem(itemId: string): VaultRendition[] {
    return this.selectOfItem.all(itemId).map(toRendition);
  }

  /** The item's renditions become exactly these, and its probe columns these facts. */
  replace(itemId: string, renditions: readonly VaultRendition[], facts: ItemMediaFacts, at: string): void {
    this.db.transaction(() => {
      this.deleteOfItem.run(itemId);
      for (const rendition of renditions) this.insertRow.run(rendition);
      this.updateFacts.run({ itemId, ...facts, at });
    })();
  }
}
