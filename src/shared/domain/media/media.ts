import { z } from 'zod';
import { serverOnlyKind } from '../sync/kind';

/**
 * Media: the photos, videos and audio a creator keeps in the studio's vault and publishes in posts (later in
 * messages, live recordings and Surprises). One id names an item everywhere: the vault item's UUIDv7, made in
 * the studio, is the server's media id once uploaded.
 */
export const MEDIA_KINDS = ['photo', 'video', 'audio'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/**
 * On the server: `uploading` (a tus upload is open), `processing` (received whole, checksum matched, being
 * re-encoded), `ready` (renditions stored, may be published), `failed` (unreadable or refused: `failure` says
 * why, in words a creator can act on). Only `ready` media is ever served or published.
 */
export const MEDIA_STATUSES = ['uploading', 'processing', 'ready', 'failed'] as const;
export type MediaStatus = (typeof MEDIA_STATUSES)[number];

/**
 * What the server stores and serves for one item. `thumb` and `preview` are public (a blurred small image; a
 * trimmed, downscaled clip or a blurred photo): they show what a locked item is. `full` and `poster` are the
 * item itself and are served only through short-lived signed URLs after the access check.
 */
export const RENDITIONS = ['full', 'poster', 'thumb', 'preview'] as const;
export type Rendition = (typeof RENDITIONS)[number];

/** Renditions anyone may fetch (public caching); the others need a signed URL. */
export const PUBLIC_RENDITIONS: ReadonlySet<Rendition> = new Set(['thumb', 'preview']);

/** The file each kind's renditions are stored as (null: that kind has none). */
export const RENDITION_FILES: Readonly<Record<MediaKind, Readonly<Record<Rendition, string | null>>>> = {
  photo: { full: 'full.webp', poster: 'full.jpg', thumb: 'thumb.webp', preview: 'preview.webp' },
  video: { full: 'full.mp4', poster: 'poster.webp', thumb: 'thumb.webp', preview: 'preview.mp4' },
  audio: { full: 'full.m4a', poster: null, thumb: null, preview: 'preview.m4a' },
};

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  webp: 'image/webp',
  jpg: 'image/jpeg',
  mp4: 'video/mp4',
  m4a: 'audio/mp4',
};

/** The content type a rendition file is served with, from its extension. */
export function contentTypeOf(file: string): string {
  const extension = file.slice(file.lastIndexOf('.') + 1);
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}

/** A video preview's length and a preview's largest side: enough to tell what it is, not to have it. */
export const PREVIEW_VIDEO_SECONDS = 5;
export const PREVIEW_AUDIO_SECONDS = 15;
export const PREVIEW_MAX_HEIGHT = 480;
export const THUMB_MAX_SIDE = 480;
/** Web renditions: at most 1080p for video, 2560 px on the long side for photos. */
export const WEB_VIDEO_MAX_HEIGHT = 1080;
export const WEB_PHOTO_MAX_SIDE = 2560;
/** A photo larger than this is refused as an image bomb before it is decoded (24 MP photos pass). */
export const PHOTO_MAX_PIXELS = 100_000_000;
export const PHOTO_MAX_SIDE = 20_000;
/**
 * The longest video or audio the server processes: 4 hours. A file claiming more is refused before it is
 * encoded: a few frames hours apart in a file of kilobytes would otherwise cost hours of encoding.
 */
export const MEDIA_MAX_DURATION_MS = 4 * 3_600_000;

/** A media item as the server holds it; the `media` kind carries it to the creator's studio. */
export const mediaSnapshotSchema = z.object({
  id: z.uuid(),
  kind: z.enum(MEDIA_KINDS),
  status: z.enum(MEDIA_STATUSES),
  /** Why processing failed, in words (null unless `failed`). */
  failure: z.string().nullable(),
  bytes: z.number().int().nonnegative(),
  durationMs: z.number().int().nonnegative().nullable(),
  width: z.number().int().positive().nullable(),
  height: z.number().int().positive().nullable(),
  createdAt: z.string(),
  readyAt: z.string().nullable(),
});
export type MediaSnapshot = z.infer<typeof mediaSnapshotSchema>;

/** Media: created by a studio's upload, processed and written by the server only. */
export const MEDIA_KIND = serverOnlyKind('media');

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * What a studio declares when it opens an upload (tus `Upload-Metadata`): the item's id, its kind, a file name
 * for display only (never a path on the server), and the whole file's SHA-256, which the server checks before
 * it processes anything.
 */
export const uploadMetadataSchema = z.object({
  mediaId: z.uuid('mediaId must be a UUID'),
  kind: z.enum(MEDIA_KINDS, 'kind must be photo, video or audio'),
  filename: z
    .string()
    .min(1, 'filename must not be empty')
    .max(255, 'filename is at most 255 characters')
    .refine((name) => !/[\\/\0]/.test(name) && name !== '.' && name !== '..', 'filename must not be a path'),
  sha256: z.string().regex(SHA256_HEX, 'sha256 must be 64 lowercase hex digits'),
});
export type UploadMetadata = z.infer<typeof uploadMetadataSchema>;
