/**
 * The media processing adapter (Node only): ffmpeg for video and audio, sharp for photos. The studio and the
 * server import this file, never the modules behind it.
 */
import type { MediaEncoder, PhotoProcessor } from './encoder';
import { FfmpegEncoder, type FfmpegEncoderOptions } from './ffmpeg-encoder';
import { SharpPhotos } from './sharp-photos';

export * from './encoder';
export { FfmpegEncoder, type FfmpegEncoderOptions } from './ffmpeg-encoder';
export {
  FfmpegNotFoundError,
  resolveFfmpegPaths,
  type FfmpegPathOptions,
  type FfmpegPaths,
} from './ffmpeg-path';
export { SharpPhotos } from './sharp-photos';
export { WatermarkError } from './watermark';
export { partialNameFor } from './output-file';
export { sniffMedia, SNIFF_BYTES, type SniffedMedia } from '@shared/domain/media/sniff';

export interface Encoders {
  readonly media: MediaEncoder;
  readonly photos: PhotoProcessor;
}

/**
 * The encoders with their defaults. ffmpeg is looked for on first use (the `ffmpegPath` setting, `FFMPEG_PATH`,
 * ffmpeg-static, `PATH`): creating them never fails, a video job without ffmpeg does, saying what to install.
 */
export function createEncoder(options: FfmpegEncoderOptions = {}): Encoders {
  return { media: new FfmpegEncoder(options), photos: new SharpPhotos() };
}
export * from './live';
