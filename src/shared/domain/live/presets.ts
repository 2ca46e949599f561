import { z } from 'zod';

/**
 * What the studio's live encoder sends: the presets the Live screen offers, custom settings within sane bounds,
 * and the ffmpeg output arguments for each H.264 encoder. Pure: the encoder (`src/encoder/live`) runs them.
 *
 * Every preset keeps a keyframe every 2 s (players join and the HLS transmux cuts segments at keyframes) and a
 * near-constant bitrate (a viewer's buffer sized for the average is not emptied by a burst).
 */

export const LIVE_PRESET_IDS = ['480p30', '720p30', '1080p30', '1080p60', 'audio-only'] as const;
export type LivePresetId = (typeof LIVE_PRESET_IDS)[number];

export interface LiveVideoSettings {
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly videoKbps: number;
}

/** What one live push encodes; `video` null sends sound alone. */
export interface LiveEncodingSettings {
  readonly video: LiveVideoSettings | null;
  readonly audioKbps: number;
}

/** AAC at 48 kHz stereo: what every player and the HLS transmux take without resampling. */
export const LIVE_AUDIO_SAMPLE_RATE = 48_000;
export const LIVE_AUDIO_CHANNELS = 2;
export const LIVE_DEFAULT_AUDIO_KBPS = 128;
/** Seconds between keyframes. */
export const LIVE_KEYFRAME_SECONDS = 2;

export interface LivePreset {
  readonly id: LivePresetId;
  readonly label: string;
  readonly settings: LiveEncodingSettings;
}

function videoPreset(
  id: LivePresetId,
  label: string,
  width: number,
  height: number,
  fps: number,
  videoKbps: number,
): LivePreset {
  return {
    id,
    label,
    settings: { video: { width, height, fps, videoKbps }, audioKbps: LIVE_DEFAULT_AUDIO_KBPS },
  };
}

export const LIVE_PRESETS: Readonly<Record<LivePresetId, LivePreset>> = {
  '480p30': videoPreset('480p30', '480p, 30 fps, 1.2 Mbit/s', 854, 480, 30, 1200),
  '720p30': videoPreset('720p30', '720p, 30 fps, 2.5 Mbit/s', 1280, 720, 30, 2500),
  '1080p30': videoPreset('1080p30', '1080p, 30 fps, 4.5 Mbit/s', 1920, 1080, 30, 4500),
  '1080p60': videoPreset('1080p60', '1080p, 60 fps, 6 Mbit/s', 1920, 1080, 60, 6000),
  'audio-only': {
    id: 'audio-only',
    label: 'Audio only, 128 kbit/s',
    settings: { video: null, audioKbps: LIVE_DEFAULT_AUDIO_KBPS },
  },
};

const evenPixels = (what: string, min: number, max: number) =>
  z
    .number({ error: `${what} must be a number of pixels` })
    .int({ error: `${what} must be a whole number of pixels` })
    .min(min, { error: `${what} must be at least ${min} pixels` })
    .max(max, { error: `${what} must be at most ${max} pixels` })
    // x264 with yuv420p halves the colour planes: an odd size is refused by the encoder.
    .refine((value) => value % 2 === 0, { error: `${what} must be an even number of pixels` });

const kbps = (what: string, min: number, max: number) =>
  z
    .number({ error: `${what} must be a number of kbit/s` })
    .int({ error: `${what} must be a whole number of kbit/s` })
    .min(min, { error: `${what} must be at least ${min} kbit/s` })
    .max(max, { error: `${what} must be at most ${max} kbit/s` });

/** Custom settings as the Live screen sends them: a video size, frame rate and both bitrates. */
export const customLiveSettingsSchema = z.object({
  width: evenPixels('The width', 320, 3840),
  height: evenPixels('The height', 180, 2160),
  fps: z
    .number({ error: 'The frame rate must be a number' })
    .int({ error: 'The frame rate must be a whole number of frames per second' })
    .min(10, { error: 'The frame rate must be at least 10 fps' })
    .max(60, { error: 'The frame rate must be at most 60 fps' }),
  videoKbps: kbps('The video bitrate', 300, 20_000),
  audioKbps: kbps('The audio bitrate', 64, 320),
});
export type CustomLiveSettings = z.infer<typeof customLiveSettingsSchema>;

export const liveEncodingChoiceSchema = z.union([
  z.object({ preset: z.enum(LIVE_PRESET_IDS, { error: 'Choose one of the presets' }) }),
  z.object({ custom: customLiveSettingsSchema }),
]);
export type LiveEncodingChoice = z.infer<typeof liveEncodingChoiceSchema>;

/** The settings a choice stands for (validate the choice with `liveEncodingChoiceSchema` first). */
export function liveEncodingSettings(choice: LiveEncodingChoice): LiveEncodingSettings {
  if ('preset' in choice) return LIVE_PRESETS[choice.preset].settings;
  const { width, height, fps, videoKbps, audioKbps } = choice.custom;
  return { video: { width, height, fps, videoKbps }, audioKbps };
}

/** The H.264 encoders the live push can use: x264 in software, the rest on a GPU or media engine. */
export const LIVE_VIDEO_ENCODERS = [
  'libx264',
  'h264_nvenc',
  'h264_videotoolbox',
  'h264_qsv',
  'h264_vaapi',
  'h264_amf',
] as const;
export type LiveVideoEncoder = (typeof LIVE_VIDEO_ENCODERS)[number];

/** Frames between keyframes: 2 s at the chosen frame rate. */
export function keyframeIntervalFrames(fps: number): number {
  return LIVE_KEYFRAME_SECONDS * fps;
}

/** Each encoder's own switches for low latency and a steady bitrate (x264's are the reference). */
function encoderTuning(encoder: LiveVideoEncoder): string[] {
  switch (encoder) {
    case 'libx264':
      return ['-preset', 'veryfast', '-tune', 'zerolatency', '-sc_threshold', '0'];
    case 'h264_nvenc':
      return ['-preset', 'p3', '-tune', 'll', '-rc', 'cbr', '-zerolatency', '1', '-no-scenecut', '1'];
    case 'h264_videotoolbox':
      return ['-realtime', '1'];
    case 'h264_qsv':
      return ['-preset', 'veryfast', '-look_ahead', '0'];
    case 'h264_vaapi':
      return ['-rc_mode', 'CBR'];
    case 'h264_amf':
      return ['-usage', 'ultralowlatency', '-rc', 'cbr'];
  }
}

/**
 * The frame geometry: scaled to fit the chosen size with its aspect kept, centred on black bars, at the chosen
 * frame rate. VAAPI encodes from GPU memory: the frames are uploaded last.
 */
function videoFilter(video: LiveVideoSettings, encoder: LiveVideoEncoder): string {
  const { width, height, fps } = video;
  const filters = [
    `scale=${width}:${height}:force_original_aspect_ratio=decrease:force_divisible_by=2`,
    `pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2`,
    'setsar=1',
    `fps=${fps}`,
  ];
  if (encoder === 'h264_vaapi') filters.push('format=nv12', 'hwupload');
  else filters.push(`format=${encoder === 'h264_qsv' ? 'nv12' : 'yuv420p'}`);
  return filters.join(',');
}

/** ffmpeg output arguments for the video stream of `video` with `encoder`. */
export function liveVideoArgs(video: LiveVideoSettings, encoder: LiveVideoEncoder): string[] {
  const gop = String(keyframeIntervalFrames(video.fps));
  return [
    '-vf',
    videoFilter(video, encoder),
    '-c:v',
    encoder,
    ...encoderTuning(encoder),
    '-b:v',
    `${video.videoKbps}k`,
    '-maxrate',
    `${video.videoKbps}k`,
    // Two seconds of buffer at the target rate: steady enough for viewers, loose enough for a keyframe.
    '-bufsize',
    `${video.videoKbps * 2}k`,
    '-g',
    gop,
    '-keyint_min',
    gop,
  ];
}

/** ffmpeg output arguments for the sound: AAC, 48 kHz, stereo. */
export function liveAudioArgs(audioKbps: number): string[] {
  return [
    '-c:a',
    'aac',
    '-b:a',
    `${audioKbps}k`,
    '-ar',
    String(LIVE_AUDIO_SAMPLE_RATE),
    '-ac',
    String(LIVE_AUDIO_CHANNELS),
  ];
}

/** Both streams' output arguments (`-vn` when the settings send sound alone). */
export function liveOutputArgs(settings: LiveEncodingSettings, encoder: LiveVideoEncoder): string[] {
  const video = settings.video ? liveVideoArgs(settings.video, encoder) : ['-vn'];
  return [...video, ...liveAudioArgs(settings.audioKbps)];
}
