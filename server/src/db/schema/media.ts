import type { ColumnType } from 'kysely';
import type { CreatedAt, Json, NullableTimestamp } from './columns';

// The creators' uploaded media (`services/media`).

/** A media item: made by a studio's upload, processed by the server, served once `ready`. */
export interface MediaTable {
  id: string;
  creator_id: string;
  kind: 'photo' | 'video' | 'audio';
  status: 'uploading' | 'processing' | 'ready' | 'failed';
  failure: string | null;
  /** The studio's file name, for display only (never a path). */
  filename: string;
  /** The whole upload's SHA-256 as the studio declared it, checked before processing. */
  sha256: string;
  /** The upload's size as declared (what counts against the creator's quota). */
  bytes: ColumnType<string, string | number | bigint, string | number | bigint>;
  /** The tus upload's id while it is open. */
  upload_id: string | null;
  duration_ms: number | null;
  width: number | null;
  height: number | null;
  /** Rendition → where it is stored and what it is: `{ "full": { "key": "…", "bytes": 123, "contentType": "video/mp4" } }`. */
  renditions: Json<Record<string, { key: string; bytes: number; contentType: string }>>;
  created_at: CreatedAt;
  ready_at: NullableTimestamp;
  deleted_at: NullableTimestamp;
}
