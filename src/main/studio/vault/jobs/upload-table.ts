import type Database from 'better-sqlite3';

/** An item's upload: the file it sends, that file's SHA-256, and the tus URL it resumes at. */
export interface VaultUpload {
  readonly itemId: string;
  /** Relative to the vault's media folder. */
  readonly filePath: string;
  readonly bytes: number;
  readonly sha256: string;
  /** The server's tus URL for this upload, null until the server made one. */
  readonly uploadUrl: string | null;
  /** Bytes the server acknowledged last (for the screens; the server's offset is what resumes). */
  readonly uploadedBytes: number;
  readonly updatedAt: string;
}

interface UploadRow {
  item_id: string;
  file_path: string;
  bytes: number;
  sha256: string;
  upload_url: string | null;
  uploaded_bytes: number;
  updated_at: string;
}

const toUpload = (row: UploadRow): VaultUpload => ({
  itemId: row.item_id,
  filePath: row.file_path,
  bytes: row.bytes,
  sha256: row.sha256,
  uploadUrl: row.upload_url,
  uploadedBytes: row.uploaded_bytes,
  updatedAt: row.updated_at,
});

/** `vault_uploads`: the tus URL storage, so a new studio resumes an upload where the server has it. */
export class UploadTable {
  private readonly selectOne: Database.Statement<[string], UploadRow>;
  private readonly upsertRow: Database.Statement;
  private readonly updateUrl: Database.Statement;
  private readonly updateUploaded: Database.Statement;
  private readonly deleteRow: Database.Statement<[string]>;

  constructor(db: Database.Database) {
    this.selectOne = db.prepare('SELECT * FROM vault_uploads WHERE item_id = ?');
    this.upsertRow = db.prepare(`INSERT INTO vault_uploads (item_id, file_path, bytes, sha256, upload_url,
        uploaded_bytes, updated_at)
      VALUES (@itemId, @filePath, @bytes, @sha256, NULL, 0, @at)
      ON CONFLICT (item_id) DO UPDATE SET file_path = excluded.file_path, bytes = excluded.bytes,
        sha256 = excluded.sha256, upload_url = NULL, uploaded_bytes = 0, updated_at = excluded.updated_at`);
    this.updateUrl = db.prepare(
      'UPDATE vault_uploads SET upload_url = @url, updated_at = @at WHERE item_id = @itemId',
    );
    this.updateUploaded = db.prepare(
      'UPDATE vault_uploads SET uploaded_bytes = @bytes, updated_at = @at WHERE item_id = @itemId',
    );
    this.deleteRow = db.prepare('DELETE FROM vault_uploads WHERE item_id = ?');
  }

  get(itemId: string): VaultUpload | undefined {
    const row = this.selectOne.get(itemId);
    return row && toUpload(row);
  }

  /** A new upload of this file (any earlier one of the item, and its URL, is forgotten). */
  begin(upload: {
    itemId: string;
    filePath: string;
    bytes: number;
    sha256: string;
    at: string;
  }): VaultUpload {
    this.upsertRow.run(upload);
    return this.get(upload.itemId)!;
  }

  setUrl(itemId: string, url: string | null, at: string): void {
    this.updateUrl.run({ itemId, url, at });
  }

  setUploaded(itemId: string, bytes: number, at: string): void {
    this.updateUploaded.run({ itemId, bytes, at });
  }

  /** The file to send changed (processed again): the next upload starts afresh. */
  forget(itemId: string): void {
    this.deleteRow.run(itemId);
  }
}
