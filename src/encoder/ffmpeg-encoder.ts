import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, resolve as absolute } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { PREVIEW_AUDIO_SECONDS, PREVIEW_MAX_HEIGHT, PREVIEW_VIDEO_SECONDS } from '@shared/domain/media/media';
import type { SniffedMedia } from '@shared/domain/media/sniff';
import {
  UnreadableMediaError,
  type JobOptions,
  type MediaEncoder,
  type MediaProbe,
  type RenditionOptions,
} from './encoder';
import {
  AUDIO_RENDITION,
  PREVIEW_AUDIO,
  WEB_VIDEO_BOX,
  audioJob,
  contactSheetJob,
  frameJob,
  remuxJob,
  videoPreviewJob,
  webRenditionJob,
  webSize,
  type FfmpegJob,
  type VideoJobInput,
} from './ffmpeg-args';
import { resolveFfmpegPaths, type FfmpegPathOptions, type FfmpegPaths } from './ffmpeg-path';
import { runFfmpegJob, runToFile } from './ffmpeg-run';
import { chosenStreams, probeFromFfprobe, runFfprobe } from './ffprobe';
import { checkMediaInput } from './media-input';
import { writeAtomically } from './output-file';
import { watermarkPng } from './watermark';

export interface FfmpegEncoderOptions extends FfmpegPathOptions {
  /** x264's speed/size trade-off for the web rendition and previews (default `veryfast`). */
  readonly preset?: string;
}

/** A still's blur (a locked video's poster and thumbnail): strong enough that only shapes and colours remain. */
export const STILL_BLUR_SIGMA = 24;

/** An input read and checked: its path, what it is, and ffprobe's account of it. */
interface Source {
  readonly path: string;
  readonly sniffed: SniffedMedia;
  readonly probe: MediaProbe;
  /** The input's stream indexes a job maps (null: none). */
  readonly videoStream: number | null;
  readonly audioStream: number | null;
}

/**
 * `MediaEncoder` on ffmpeg. Every job first checks and probes its input (so a bad file is refused in words
 * before ffmpeg runs, and the progress bar knows the length), writes to a temporary name and renames it when
 * complete, and answers the output's own probe. The paths are resolved on first use, not at construction: a
 * server or studio without ffmpeg still starts (and processes photos); the first video job then fails saying
 * what to install.
 */
export class FfmpegEncoder implements MediaEncoder {
  private resolved: FfmpegPaths | null = null;
  private readonly preset: string;

  constructor(private readonly options: FfmpegEncoderOptions = {}) {
    this.preset = options.preset ?? 'veryfast';
  }

  /** ffmpeg's and ffprobe's paths (resolving them now if not done yet). */
  paths(): FfmpegPaths {
    this.resolved ??= resolveFfmpegPaths(this.options);
    return this.resolved;
  }

  async probe(file: string): Promise<MediaProbe> {
    return (await this.source(file)).probe;
  }

  async videoRendition(input: string, output: string, options: RenditionOptions = {}): Promise<MediaProbe> {
    const source = await this.videoSource(input);
    const text = options.watermark?.trim();
    if (!text)
      return this.run(webRenditionJob(jobInput(source, output), { preset: this.preset }), output, options);
    const scratch = await mkdtemp(join(tmpdir(), 'mesi-watermark-'));
    try {
      const png = join(scratch, 'watermark.png');
      const size = webSize(sizeOf(source));
      await writeFile(png, await watermarkPng(text, size.width, size.height));
      const job = webRenditionJob(jobInput(source, output), { preset: this.preset, watermarkPng: png });
      return await this.run(job, output, options);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }

  /**
   * The ffmpeg job `videoRendition` runs for `input` (without a watermark): the benchmark runs its
   * `ffmpegArgv` with a bare ffmpeg beside the pipeline, so both use the same arguments.
   */
  async planVideoRendition(input: string, output: string): Promise<FfmpegJob> {
    const source = await this.videoSource(input);
    return webRenditionJob(jobInput(source, output), { preset: this.preset });
  }

  async remuxStripped(input: string, output: string, options: JobOptions = {}): Promise<MediaProbe> {
    const source = await this.source(input);
    const { videoCodec, audioCodec } = source.probe;
    if ((videoCodec !== null && videoCodec !== 'h264') || (audioCodec !== null && audioCodec !== 'aac')) {
      throw new Error(
        `remuxStripped copies H.264/AAC only, this file has ${videoCodec ?? 'no video'}/${audioCodec ?? 'no audio'}: use videoRendition`,
      );
    }
    const job = remuxJob(jobInput(source, output));
    return this.run(job, output, options);
  }

  async audioRendition(input: string, output: string, options: JobOptions = {}): Promise<MediaProbe> {
    const source = await this.audioSource(input);
    const job = audioJob(
      { input: source.path, output, durationMs: source.probe.durationMs, audioStream: source.audioStream },
      { audio: AUDIO_RENDITION },
    );
    return this.run(job, output, options);
  }

  async videoPreview(
    input: string,
    output: string,
    options: JobOptions & { seconds?: number; maxHeight?: number; blur?: boolean } = {},
  ): Promise<MediaProbe> {
    const source = await this.videoSource(input);
    const job = videoPreviewJob(jobInput(source, output), {
      preset: this.preset,
      seconds: options.seconds ?? PREVIEW_VIDEO_SECONDS,
      maxHeight: options.maxHeight ?? PREVIEW_MAX_HEIGHT,
      blur: options.blur ?? false,
    });
    return this.run(job, output, options);
  }

  async audioPreview(
    input: string,
    output: string,
    options: JobOptions & { seconds?: number } = {},
  ): Promise<MediaProbe> {
    const source = await this.audioSource(input);
    const job = audioJob(
      { input: source.path, output, durationMs: source.probe.durationMs, audioStream: source.audioStream },
      { seconds: options.seconds ?? PREVIEW_AUDIO_SECONDS, audio: PREVIEW_AUDIO },
    );
    return this.run(job, output, options);
  }

  async frame(
    input: string,
    output: string,
    options: { atMs?: number; maxSide?: number; blur?: boolean } = {},
  ): Promise<void> {
    const source = await this.videoSource(input);
    const maxSide = options.maxSide ?? WEB_VIDEO_BOX.long;
    const atMs = options.atMs ?? Math.floor((source.probe.durationMs ?? 0) / 10);
    await this.still(output, options.blur ?? false, async (png) => {
      await runToFile(this.paths().ffmpeg, frameJob(jobInput(source, output), { atMs, maxSide }), png);
      // A seek at or past the last frame writes nothing: the first frame is better than no poster.
      if (!hasContent(png) && atMs > 0) {
        await runToFile(this.paths().ffmpeg, frameJob(jobInput(source, output), { atMs: 0, maxSide }), png);
      }
    });
  }

  async contactSheet(
    input: string,
    output: string,
    options: { columns?: number; rows?: number; tileWidth?: number } = {},
  ): Promise<void> {
    const source = await this.videoSource(input);
    const job = contactSheetJob(jobInput(source, output), {
      columns: options.columns ?? 4,
      rows: options.rows ?? 4,
      tileWidth: options.tileWidth ?? 320,
    });
    await this.still(output, false, (png) => runToFile(this.paths().ffmpeg, job, png));
  }

  private async source(file: string): Promise<Source> {
    const path = absolute(file);
    const { sniffed, bytes } = await checkMediaInput(path);
    const output = await runFfprobe(this.paths().ffprobe, path, sniffed);
    const { video, audio } = chosenStreams(output);
    return {
      path,
      sniffed,
      probe: probeFromFfprobe(output, sniffed, bytes),
      videoStream: video?.index ?? null,
      audioStream: audio?.index ?? null,
    };
  }

  private async videoSource(file: string): Promise<Source> {
    const source = await this.source(file);
    if (source.probe.kind !== 'video' || !source.probe.width || !source.probe.height) {
      throw new UnreadableMediaError(`This ${source.sniffed.label} has no video in it.`);
    }
    return source;
  }

  private async audioSource(file: string): Promise<Source> {
    const source = await this.source(file);
    if (source.probe.audioCodec === null) {
      throw new UnreadableMediaError(`This ${source.sniffed.label} has no sound in it.`);
    }
    return source;
  }

  private async run(job: FfmpegJob, output: string, options: JobOptions): Promise<MediaProbe> {
    await runFfmpegJob(this.paths().ffmpeg, job, absolute(output), options);
    return this.probe(output);
  }

  /** A still made by ffmpeg as PNG in a scratch folder, then encoded by sharp by the output's extension. */
  private async still(output: string, blur: boolean, makePng: (png: string) => Promise<void>): Promise<void> {
    const encode = stillEncoder(output);
    const scratch = await mkdtemp(join(tmpdir(), 'mesi-still-'));
    try {
      const png = join(scratch, 'still.png');
      await makePng(png);
      if (!hasContent(png)) throw new UnreadableMediaError('No picture could be taken from this video.');
      await writeAtomically([absolute(output)], async ([partial]) => {
        const image = sharp(png);
        await encode(blur ? image.blur(STILL_BLUR_SIGMA) : image).toFile(partial!);
      });
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }
}

function hasContent(file: string): boolean {
  return existsSync(file) && statSync(file).size > 0;
}

/** WebP or JPEG by the output's extension; anything else is the caller's mistake. */
function stillEncoder(output: string): (image: Sharp) => Sharp {
  const extension = extname(output).toLowerCase();
  if (extension === '.webp') return (image) => image.webp({ quality: 80 });
  if (extension === '.jpg' || extension === '.jpeg') return (image) => image.jpeg({ quality: 84 });
  throw new Error(
    `A still is written as .webp, .jpg or .jpeg, not ${extension || 'a file without extension'}`,
  );
}

function sizeOf(source: Source): { width: number; height: number } {
  return { width: source.probe.width!, height: source.probe.height! };
}

function jobInput(source: Source, output: string): VideoJobInput {
  return {
    input: source.path,
    output,
    size: source.probe.width && source.probe.height ? sizeOf(source) : { width: 2, height: 2 },
    durationMs: source.probe.durationMs,
    videoStream: source.videoStream,
    audioStream: source.audioStream,
  };
}
