import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { Upload, type DetailedError } from 'tus-js-client';
import { newId } from '@shared/domain/ids';
import type { MediaKind } from '@shared/domain/media/media';
import type { ServerClient } from '../../../test/test-server';

const run = promisify(execFile);

/** A short clip made by ffmpeg: H.264/AAC in MP4 (web-ready) by default, or VP8/Vorbis in WebM (to re-encode). */
export async function makeVideo(
  file: string,
  options: { seconds?: number; size?: string; format?: 'mp4' | 'webm' } = {},
): Promise<void> {
  const { seconds = 2, size = '1280x720', format = 'mp4' } = options;
  const codecs =
    format === 'mp4'
      ? [
          '-c:v',
          'libx264',
          '-preset',
          'ultrafast',
          '-pix_fmt',
          'yuv420p',
          '-c:a',
          'aac',
          '-movflags',
          '+faststart',
        ]
      : ['-c:v', 'libvpx', '-deadline', 'realtime', '-b:v', '1M', '-c:a', 'libvorbis'];
  await run('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${size}:rate=30`,
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440',
    '-t',
    String(seconds),
    ...codecs,
    file,
  ]);
}

/** A JPEG with camera and GPS EXIF, as a phone writes it. */
export async function makeJpegWithGps(file: string, width = 1600, height = 1200): Promise<void> {
  await sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'GPS 1' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '48/1 51/1 24/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '2/1 21/1 3/1',
      },
    })
    .toFile(file);
}

/** What ffprobe says of a file's streams and length. */
export async function ffprobe(file: string): Promise<{
  streams: { codec_type: string; codec_name: string; width?: number; height?: number }[];
  format: { duration: string; format_name: string; tags?: Record<string, string> };
}> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-print_format',
    'json',
    '-show_streams',
    '-show_format',
    file,
  ]);
  return JSON.parse(stdout) as never;
}

export function sha256Of(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export interface UploadMetadata {
  mediaId: string;
  kind: MediaKind;
  filename: string;
  sha256: string;
  [key: string]: string;
}

export function metadataFor(file: string, kind: MediaKind, filename = 'clip.mp4'): UploadMetadata {
  return { mediaId: newId(), kind, filename, sha256: sha256Of(file) };
}

export interface TusOptions {
  readonly token?: string | null;
  readonly metadata?: Record<string, string>;
  readonly chunkSize?: number;
  /** Resume this upload instead of creating one. */
  readonly uploadUrl?: string;
  /** Called as bytes go out; `abort()` cuts the request under way (the upload stays, to resume). */
  readonly onProgress?: (sent: number, total: number, abort: () => void) => void;
  readonly headers?: Record<string, string>;
}

export interface TusOutcome {
  /** The upload's URL once created (null when creation was refused). */
  readonly url: string | null;
  /** null: finished. */
  readonly error: (Error & Partial<Pick<DetailedError, 'originalResponse'>>) | null;
  /** The server's answer to a refused request. */
  readonly status: number | null;
  readonly body: string | null;
}

/**
 * Uploads `file` through tus-js-client as the studio does (Bearer token, metadata, chunks), without retries, and
 * resolves when it finishes, fails or is aborted (by `onProgress` calling `upload.abort()`).
 */
export function tusUpload(endpoint: string, file: string, options: TusOptions = {}): Promise<TusOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (error: TusOutcome['error']) => {
      if (settled) return;
      settled = true;
      const response = error?.originalResponse ?? null;
      resolve({
        url: upload.url,
        error,
        status: response ? response.getStatus() : null,
        body: response ? response.getBody() : null,
      });
    };
    // An aborted upload calls neither callback: it is settled here, once tus-js-client has cut the request.
    const abort = () => void upload.abort(false).then(() => settle(new Error('aborted by the test')));
    const upload = new Upload(createReadStream(file) as never, {
      ...(options.uploadUrl ? { uploadUrl: options.uploadUrl } : { endpoint: `${endpoint}/uploads` }),
      metadata: options.metadata ?? {},
      headers: {
        ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      chunkSize: options.chunkSize ?? 256 * 1024,
      retryDelays: null,
      storeFingerprintForResuming: false,
      onProgress: (sent, total) => options.onProgress?.(sent, total, abort),
      onSuccess: () => settle(null),
      onError: (error) => settle(error as TusOutcome['error']),
    });
    upload.start();
  });
}

/** Waits until the item is no longer uploading or processing (the scheduler runs every second). */
export async function settledMedia(client: ServerClient, mediaId: string, timeoutMs = 90_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const item = (await client.media.list.query()).find((m) => m.id === mediaId);
    if (item && item.status !== 'uploading' && item.status !== 'processing') return item;
    if (Date.now() > until) throw new Error(`media ${mediaId} still ${item?.status ?? 'absent'}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
