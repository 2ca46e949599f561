import type { MediaKind, MediaStatus } from '@shared/domain/media/media';

/** A `vault_items` row as SQLite returns it. Paths are relative to the account's media folder (`VaultFolders`). */
export interface VaultItemRow {
  id: string;
  kind: MediaKind;
  sha256: string;
  /** The file's name when it was imported (display and search only; never a path). */
  original_name: string;
  /** `originals/<sha256>.<ext>`: resolve with `VaultFolders.resolve`. */
  original_path: string;
  bytes: number;
  mime: string;
  title: string;
  notes: string;
  duration_ms: number | null;
  width: number | null;
  height: number | null;
  video_codec: string | null;
  audio_codec: string | null;
  watermark: 0 | 1;
  server_status: MediaStatus | null;
  server_failure: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** The latest processing or upload job of an item, as its tile shows it. */
export interface VaultJobStatus {
  readonly kind: 'process' | 'upload';
  readonly state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  /** 0..1. */
  readonly progress: number;
  /** Wall time left, null until it can be told. */
  readonly etaMs: number | null;
  /** Why it failed (or what it waits for), in words for the creator. */
  readonly error: string | null;
}

/** One vault item as the screens see it. */
export interface VaultItemView {
  readonly id: string;
  readonly kind: MediaKind;
  readonly title: string;
  readonly notes: string;
  /** Lowercase, sorted. */
  readonly tags: string[];
  readonly originalName: string;
  readonly bytes: number;
  readonly mime: string;
  readonly sha256: string;
  readonly durationMs: number | null;
  readonly width: number | null;
  readonly height: number | null;
  readonly videoCodec: string | null;
  readonly audioCodec: string | null;
  readonly watermark: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The thumbnail as a `data:` URL (the renderer cannot read local files), null until processing made one. */
  readonly thumbUrl: string | null;
  /** The item's latest job (processing, then upload), null before any. */
  readonly job: VaultJobStatus | null;
  /** What the server last said of the uploaded item; null until an upload starts. */
  readonly serverStatus: MediaStatus | null;
  readonly serverFailure: string | null;
}

/** The view of a row, with what the page's other reads found for it. */
export function toItemView(
  row: VaultItemRow,
  extra: { tags: readonly string[]; thumbUrl: string | null; job: VaultJobStatus | null },
): VaultItemView {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    notes: row.notes,
    tags: [...extra.tags],
    originalName: row.original_name,
    bytes: row.bytes,
    mime: row.mime,
    sha256: row.sha256,
    durationMs: row.duration_ms,
    width: row.width,
    height: row.height,
    videoCodec: row.video_codec,
    audioCodec: row.audio_codec,
    watermark: row.watermark === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    thumbUrl: extra.thumbUrl,
    job: extra.job,
    serverStatus: row.server_status,
    serverFailure: row.server_failure,
  };
}
