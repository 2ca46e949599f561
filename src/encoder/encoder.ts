import type { MediaKind } from '@shared/domain/media/media';

/**
 * The media processing adapter both the studio (the vault's renditions) and the server (re-encoding every upload
 * before it is served) call. Video and audio go through ffmpeg (`FfmpegEncoder`, on fluent-ffmpeg today: kept
 * behind this interface so a direct spawner can replace it), photos through sharp (`SharpPhotos`).
 */

/** What ffprobe (or sharp, for photos) says of a file. Null where the file has no such thing. */
export interface MediaProbe {
  readonly kind: MediaKind;
  /** ffprobe's format name (`mov,mp4,m4a,3gp,3g2,mj2`, `matroska,webm`, …) or sharp's (`jpeg`, `png`, `webp`). */
  readonly container: string;
  readonly durationMs: number | null;
  readonly width: number | null;
  readonly height: number | null;
  readonly videoCodec: string | null;
  readonly audioCodec: string | null;
  readonly bytes: number;
}

/** One step of a long job, as a progress bar shows it. */
export interface ProgressUpdate {
  /** 0..1 of the output's expected duration. */
  readonly fraction: number;
  /** Media time processed so far. */
  readonly processedMs: number;
  /** Media seconds per wall second (ffmpeg's `speed`), null before it is known. */
  readonly speed: number | null;
  /** Wall time left at the current pace, null before it can be told. */
  readonly etaMs: number | null;
}

export interface JobOptions {
  /** Aborting kills the ffmpeg process and rejects with `EncodeCancelledError`; no output file is left. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (update: ProgressUpdate) => void;
}

export interface RenditionOptions extends JobOptions {
  /** A visible watermark (the creator's handle, e.g. `@ada`), drawn in a corner; null or absent: none. */
  readonly watermark?: string | null;
}

/** Video and audio through ffmpeg. Every output is written to a temporary name and renamed when complete. */
export interface MediaEncoder {
  /** Rejects with `UnreadableMediaError` when ffprobe cannot read the file or finds no audio or video. */
  probe(file: string): Promise<MediaProbe>;
  /** H.264 (yuv420p) / AAC in MP4 with faststart, at most 1080p, metadata stripped. */
  videoRendition(input: string, output: string, options?: RenditionOptions): Promise<MediaProbe>;
  /** Copies H.264/AAC streams into a new MP4 without metadata (faststart): the cheap path for web-ready input. */
  remuxStripped(input: string, output: string, options?: JobOptions): Promise<MediaProbe>;
  /** AAC in an .m4a, metadata stripped. */
  audioRendition(input: string, output: string, options?: JobOptions): Promise<MediaProbe>;
  /** The first `seconds` of a video, at most `maxHeight` high, optionally blurred; H.264/AAC MP4. */
  videoPreview(
    input: string,
    output: string,
    options?: JobOptions & { seconds?: number; maxHeight?: number; blur?: boolean },
  ): Promise<MediaProbe>;
  /** The first `seconds` of an audio file, AAC. */
  audioPreview(
    input: string,
    output: string,
    options?: JobOptions & { seconds?: number },
  ): Promise<MediaProbe>;
  /** One frame at `atMs` (default: 10% in) as WebP or JPEG (by the output's extension), `maxSide` on the long side, optionally blurred. */
  frame(
    input: string,
    output: string,
    options?: { atMs?: number; maxSide?: number; blur?: boolean },
  ): Promise<void>;
  /** A grid of evenly spaced frames (a contact sheet), as WebP or JPEG. */
  contactSheet(
    input: string,
    output: string,
    options?: { columns?: number; rows?: number; tileWidth?: number },
  ): Promise<void>;
}

/** The photo renditions, each path written (temporary name, then renamed) by `PhotoProcessor.renditions`. */
export interface PhotoOutputs {
  /** WebP, at most `WEB_PHOTO_MAX_SIDE` on the long side, no EXIF/GPS/XMP. */
  readonly webp: string;
  /** JPEG of the same, no metadata. */
  readonly jpeg: string;
  /** WebP, `THUMB_MAX_SIDE`. */
  readonly thumb: string;
  /** WebP, small and strongly blurred: what a locked photo shows. */
  readonly preview: string;
}

export interface PhotoProcessor {
  /** Rejects with `UnreadableMediaError` (not an image, or over `PHOTO_MAX_PIXELS`/`PHOTO_MAX_SIDE`). */
  probe(file: string): Promise<MediaProbe>;
  /** Auto-rotates by EXIF orientation, then strips every metadata block. */
  renditions(
    input: string,
    outputs: PhotoOutputs,
    options?: { watermark?: string | null },
  ): Promise<{ readonly width: number; readonly height: number }>;
}

/** ffmpeg or sharp could not read the input; `message` says what, for the creator. */
export class UnreadableMediaError extends Error {
  override readonly name = 'UnreadableMediaError';
}

/** The job's signal was aborted. */
export class EncodeCancelledError extends Error {
  override readonly name = 'EncodeCancelledError';
  constructor() {
    super('Processing was cancelled');
  }
}
