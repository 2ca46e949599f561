import { join } from 'node:path';
import {
  PREVIEW_AUDIO_SECONDS,
  PREVIEW_MAX_HEIGHT,
  PREVIEW_VIDEO_SECONDS,
  THUMB_MAX_SIDE,
  type MediaKind,
} from '@shared/domain/media/media';
import type { MediaProbe, ProgressUpdate } from '../../../../encoder/encoder';
import type { Encoders } from '../../../../encoder/index';
import type { ItemMediaFacts, VaultRenditionName } from './rendition-table';
import { StepProgress } from './step-progress';

/** A file a plan wrote into the staging folder. */
export interface MadeRendition {
  readonly name: VaultRenditionName;
  readonly file: string;
  readonly width: number | null;
  readonly height: number | null;
  readonly durationMs: number | null;
}

export interface PlanInput {
  /** The original's absolute path. */
  readonly original: string;
  /** An empty folder the plan writes its files into (moved into place by the caller once all are written). */
  readonly staging: string;
  readonly watermark: string | null;
  readonly encoders: Encoders;
  readonly signal: AbortSignal;
  readonly progress: (fraction: number, etaMs: number | null) => void;
}

export interface PlanResult {
  readonly facts: ItemMediaFacts;
  readonly renditions: readonly MadeRendition[];
}

/**
 * What processing makes of each kind of item, step by step, with a weight per step for the progress bar
 * (measured roughly on 1080p clips: the web rendition is most of the time).
 *
 * - video: `web` (H.264/AAC MP4, faststart, ≤1080p, the watermark if asked), then from it (smaller, already
 *   watermarked) a `preview` (the first 5 s, ≤480p, trimmed rather than blurred), a `poster` and a `thumb`
 *   frame, and a `contact` sheet;
 * - photo: `web` (WebP), `poster` (the same as JPEG, for clients without WebP), `thumb`, and a blurred `preview`;
 * - audio: `web` (AAC in .m4a) and a 15 s `preview`.
 */
export function planFor(kind: MediaKind): (input: PlanInput) => Promise<PlanResult> {
  return kind === 'video' ? videoPlan : kind === 'photo' ? photoPlan : audioPlan;
}

const VIDEO_WEIGHTS = { probe: 1, web: 70, preview: 10, poster: 3, thumb: 3, contact: 8 };

async function videoPlan(input: PlanInput): Promise<PlanResult> {
  const { encoders, signal } = input;
  const steps = new StepProgress(VIDEO_WEIGHTS, input.progress);
  const original = await encoders.media.probe(input.original);
  steps.finish('probe');
  const web = join(input.staging, 'web.mp4');
  const webProbe = await encoders.media.videoRendition(input.original, web, {
    signal,
    watermark: input.watermark,
    onProgress: following(steps, 'web'),
  });
  steps.finish('web');
  const preview = join(input.staging, 'preview.mp4');
  const previewProbe = await encoders.media.videoPreview(web, preview, {
    signal,
    seconds: PREVIEW_VIDEO_SECONDS,
    maxHeight: PREVIEW_MAX_HEIGHT,
    blur: false,
    onProgress: following(steps, 'preview'),
  });
  steps.finish('preview');
  const at = (file: string) => join(input.staging, file);
  const images = [
    { name: 'poster', file: 'poster.webp', make: () => encoders.media.frame(web, at('poster.webp')) },
    {
      name: 'thumb',
      file: 'thumb.webp',
      make: () => encoders.media.frame(web, at('thumb.webp'), { maxSide: THUMB_MAX_SIDE }),
    },
    {
      name: 'contact',
      file: 'contact.webp',
      make: () => encoders.media.contactSheet(web, at('contact.webp')),
    },
  ] as const;
  const made: MadeRendition[] = [
    fromProbe('web', 'web.mp4', webProbe),
    fromProbe('preview', 'preview.mp4', previewProbe),
  ];
  for (const { name, file, make } of images) {
    // Frames take no signal: a cancel lands between them.
    signal.throwIfAborted();
    await make();
    made.push(await imageRendition(input, name, file));
    steps.finish(name);
  }
  return { facts: factsOf(original), renditions: made };
}

const PHOTO_WEIGHTS = { probe: 1, renditions: 9 };

async function photoPlan(input: PlanInput): Promise<PlanResult> {
  const { encoders, signal } = input;
  const steps = new StepProgress(PHOTO_WEIGHTS, input.progress);
  const original = await encoders.photos.probe(input.original);
  steps.finish('probe');
  signal.throwIfAborted();
  const at = (file: string) => join(input.staging, file);
  await encoders.photos.renditions(
    input.original,
    { webp: at('web.webp'), jpeg: at('poster.jpg'), thumb: at('thumb.webp'), preview: at('preview.webp') },
    { watermark: input.watermark },
  );
  signal.throwIfAborted();
  const made: MadeRendition[] = [];
  for (const [name, file] of [
    ['web', 'web.webp'],
    ['poster', 'poster.jpg'],
    ['thumb', 'thumb.webp'],
    ['preview', 'preview.webp'],
  ] as const) {
    made.push(await imageRendition(input, name, file));
  }
  steps.finish('renditions');
  return { facts: factsOf(original), renditions: made };
}

const AUDIO_WEIGHTS = { probe: 1, web: 8, preview: 2 };

async function audioPlan(input: PlanInput): Promise<PlanResult> {
  const { encoders, signal } = input;
  const steps = new StepProgress(AUDIO_WEIGHTS, input.progress);
  const original = await encoders.media.probe(input.original);
  steps.finish('probe');
  const web = join(input.staging, 'web.m4a');
  const webProbe = await encoders.media.audioRendition(input.original, web, {
    signal,
    onProgress: following(steps, 'web'),
  });
  steps.finish('web');
  const previewProbe = await encoders.media.audioPreview(web, join(input.staging, 'preview.m4a'), {
    signal,
    seconds: PREVIEW_AUDIO_SECONDS,
    onProgress: following(steps, 'preview'),
  });
  steps.finish('preview');
  return {
    facts: factsOf(original),
    renditions: [fromProbe('web', 'web.m4a', webProbe), fromProbe('preview', 'preview.m4a', previewProbe)],
  };
}

function following<Step extends string>(steps: StepProgress<Step>, step: Step) {
  return (update: ProgressUpdate) => steps.update(step, update.fraction, update.etaMs);
}

function fromProbe(name: VaultRenditionName, file: string, probe: MediaProbe): MadeRendition {
  return { name, file, width: probe.width, height: probe.height, durationMs: probe.durationMs };
}

async function imageRendition(
  input: PlanInput,
  name: VaultRenditionName,
  file: string,
): Promise<MadeRendition> {
  const probe = await input.encoders.photos.probe(join(input.staging, file));
  return { name, file, width: probe.width, height: probe.height, durationMs: null };
}

function factsOf(probe: MediaProbe): ItemMediaFacts {
  return {
    durationMs: probe.durationMs,
    width: probe.width,
    height: probe.height,
    videoCodec: probe.videoCodec,
    audioCodec: probe.audioCodec,
  };
}
