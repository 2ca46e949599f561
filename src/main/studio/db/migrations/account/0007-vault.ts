import type { Migration } from '../../migration';

/**
 * The vault: the account's media library, kept offline.
 * - `vault_items`: one per distinct file (the SHA-256 of its bytes is unique, so importing the same file again
 *   finds the item instead of copying it twice). The original is copied into the account's media folder
 *   (`original_path` is relative to it). The id is the server's media id once uploaded; `server_status` is what
 *   the server last said of it (the `media` kind), NULL until it is uploaded.
 * - `vault_tags`, and `vault_search`: an FTS5 index over titles, notes, tags and file names, written by the
 *   vault's table class in the same transaction as the item.
 * - `vault_renditions`: what the studio made from an original (web rendition, thumbnail, contact sheet,
 *   preview), relative paths as well.
 * - `vault_jobs`: the persisted processing and upload queue; a job `running` when the studio stopped is queued
 *   again at start. `vault_uploads`: an upload's tus URL and the file it sends, so it resumes after a restart.
 */
export const migration0007: Migration = {
  name: '0007-vault',
  up(db) {
    db.exec(`
      CREATE TABLE vault_items (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('photo', 'video', 'audio')),
        sha256 TEXT NOT NULL UNIQUE,
        original_name TEXT NOT NULL,
        original_path TEXT NOT NULL,
        bytes INTEGER NOT NULL CHECK (bytes > 0),
        mime TEXT NOT NULL,
        title TEXT NOT NULL,
        notes TEXT NOT NULL DEFAULT '',
        duration_ms INTEGER,
        width INTEGER,
        height INTEGER,
        video_codec TEXT,
        audio_codec TEXT,
        watermark INTEGER NOT NULL DEFAULT 0 CHECK (watermark IN (0, 1)),
        server_status TEXT CHECK (server_status IN ('uploading', 'processing', 'ready', 'failed')),
        server_failure TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;
      CREATE INDEX vault_items_list ON vault_items (deleted_at, created_at DESC);
      CREATE INDEX vault_items_kind ON vault_items (kind, created_at DESC);

      CREATE TABLE vault_tags (
        item_id TEXT NOT NULL REFERENCES vault_items(id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (item_id, tag)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX vault_tags_tag ON vault_tags (tag, item_id);

      CREATE VIRTUAL TABLE vault_search USING fts5(
        item_id UNINDEXED, title, notes, tags, original_name,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3'
      );

      CREATE TABLE vault_renditions (
        item_id TEXT NOT NULL REFERENCES vault_items(id) ON DELETE CASCADE,
        name TEXT NOT NULL CHECK (name IN ('web', 'thumb', 'contact', 'preview', 'poster')),
        path TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        mime TEXT NOT NULL,
        width INTEGER,
        height INTEGER,
        duration_ms INTEGER,
        created_at TEXT NOT NULL,
        PRIMARY KEY (item_id, name)
      ) STRICT;

      CREATE TABLE vault_jobs (
        id TEXT PRIMARY KEY,
        item_id TEXT NOT NULL REFERENCES vault_items(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('process', 'upload')),
        state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
        progress REAL NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
        eta_ms INTEGER,
        error TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX vault_jobs_queue ON vault_jobs (state, created_at);
      CREATE INDEX vault_jobs_item ON vault_jobs (item_id);

      CREATE TABLE vault_uploads (
        item_id TEXT PRIMARY KEY REFERENCES vault_items(id) ON DELETE CASCADE,
        file_path TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        upload_url TEXT,
        uploaded_bytes INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
