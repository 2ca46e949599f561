import { resolve as absolute } from 'node:path';
import type { JobOptions, MediaEncoder, MediaProbe, RenditionOptions } from './encoder';
import { resolveFfmpegPaths, type FfmpegPathOptions, type FfmpegPaths } from './ffmpeg-path';
import { probeFromFfprobe, runFfprobe } from './ffprobe';
import { checkMediaInput } from './media-input';

export interface FfmpegEncoderOptions extends FfmpegPathOptions {
  /** x264's speed/size trade-off for the web rendition (default `veryfast`). */
  readonly preset?: string;
}

/**
 * `MediaEncoder` on ffmpeg. The paths are resolved on first use, not at construction: a server or studio without
 * ffmpeg still starts (and processes photos); the first video job then fails saying what to install.
 */
export class FfmpegEncoder implements MediaEncoder {
  private resolved: FfmpegPaths | null = null;

  constructor(private readonly options: FfmpegEncoderOptions = {}) {}

  /** ffmpeg's and ffprobe's paths (resolving them now if not done yet). */
  paths(): FfmpegPaths {
    this.resolved ??= resolveFfmpegPaths(this.options);
    return this.resolved;
  }

  async probe(file: string): Promise<MediaProbe> {
    const path = absolute(file);
    const input = await checkMediaInput(path);
    const output = await runFfprobe(this.paths().ffprobe, path, input.sniffed);
    return probeFromFfprobe(output, input.sniffed, input.bytes);
  }

  videoRendition(_input: string, _output: string, _options?: RenditionOptions): Promise<MediaProbe> {
    return Promise.reject(new Error('videoRendition: not implemented yet'));
  }

  remuxStripped(_input: string, _output: string, _options?: JobOptions): Promise<MediaProbe> {
    return Promise.reject(new Error('remuxStripped: not implemented yet'));
  }

  audioRendition(_input: string, _output: string, _options?: JobOptions): Promise<MediaProbe> {
    return Promise.reject(new Error('audioRendition: not implemented yet'));
  }

  videoPreview(_input: string, _output: string, _options?: JobOptions): Promise<MediaProbe> {
    return Promise.reject(new Error('videoPreview: not implemented yet'));
  }

  audioPreview(_input: string, _output: string, _options?: JobOptions): Promise<MediaProbe> {
    return Promise.reject(new Error('audioPreview: not implemented yet'));
  }

  frame(_input: string, _output: string): Promise<void> {
    return Promise.reject(new Error('frame: not implemented yet'));
  }

  contactSheet(_input: string, _output: string): Promise<void> {
    return Promise.reject(new Error('contactSheet: not implemented yet'));
  }
}
