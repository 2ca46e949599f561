import { z } from 'zod';
import {
  LIVE_AUDIO_CHANNELS,
  LIVE_AUDIO_SAMPLE_RATE,
  type LiveEncodingSettings,
} from '@shared/domain/live/presets';

/**
 * What a live push captures, and the ffmpeg inputs for it on each OS: the screen, a camera with a microphone,
 * a media file (looped or once), or a test pattern. Device ids are those `listCaptureDevices` returned.
 */

const deviceId = (what: string) =>
  z
    .string({ error: `${what} must be a device from the list` })
    .min(1, { error: `Choose ${what.toLowerCase()}` })
    .max(500, { error: `${what} is not a device name` });

export const liveSourceSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('test-pattern') }),
    z.object({
      kind: z.literal('screen'),
      /** X11 display (`:0.0`) on Linux, the avfoundation index on macOS, `desktop` or a monitor index on Windows. */
      screen: deviceId('The screen'),
      microphone: deviceId('The microphone').nullable().default(null),
      /** Windows only: DXGI desktop duplication (ffmpeg 6+, faster) instead of GDI. */
      windowsCapture: z.enum(['gdigrab', 'ddagrab']).default('gdigrab'),
    }),
    z.object({
      kind: z.literal('camera'),
      camera: deviceId('The camera'),
      microphone: deviceId('The microphone').nullable().default(null),
    }),
    z.object({
      kind: z.literal('file'),
      path: z.string({ error: 'Choose a media file' }).min(1, { error: 'Choose a media file' }),
      loop: z.boolean().default(false),
      /** False for a file known to have no sound: silence is sent instead (players wait for both tracks). */
      hasAudio: z.boolean().default(true),
    }),
  ],
  { error: 'Choose a source: the screen, a camera, a media file or the test pattern' },
);
export type LiveSource = z.infer<typeof liveSourceSchema>;

/** A source this computer cannot capture, said in words. */
export class LiveSourceError extends Error {
  override readonly name = 'LiveSourceError';
}

/** ffmpeg's input arguments for a source, and which input streams go out. */
export interface LiveInputPlan {
  readonly args: string[];
  /** How many `-i` inputs `args` opens (a failure before all are open is the source's fault). */
  readonly inputCount: number;
  /** `-map` specifiers; null when that kind is not sent. */
  readonly videoMap: string | null;
  readonly audioMap: string;
  /** Shown in errors: what was being opened. */
  readonly description: string;
}

export interface LiveInputOptions {
  readonly platform?: NodeJS.Platform;
}

// Capture devices deliver in bursts; a deeper queue keeps ffmpeg from dropping input while the encoder catches up.
const LIVE_INPUT = ['-thread_queue_size', '1024'];

const silence = () => [
  '-f',
  'lavfi',
  '-i',
  `anullsrc=channel_layout=${LIVE_AUDIO_CHANNELS === 2 ? 'stereo' : 'mono'}:sample_rate=${LIVE_AUDIO_SAMPLE_RATE}`,
];

/** Linux microphones are `pulse:<source>` or `alsa:<device>` (see `listCaptureDevices`); a bare name is pulse's. */
function linuxMicrophone(id: string): string[] {
  const match = /^(pulse|alsa):(.*)$/.exec(id);
  const [api, device] = match ? [match[1]!, match[2]!] : ['pulse', id];
  return [...LIVE_INPUT, '-f', api, '-i', device];
}

/** dshow wants `video=Name` / `audio=Name`; a colon inside a name would split the spec, so it is escaped. */
function dshowName(name: string): string {
  return name.replace(/\\/g, '\\\\').replace(/:/g, '\\:');
}

function plan(
  args: string[],
  inputCount: number,
  videoMap: string | null,
  audioMap: string,
  description: string,
): LiveInputPlan {
  return { args, inputCount, videoMap, audioMap, description };
}

/**
 * The input plan for `source` on `platform`. Sound always goes out (silence when the source has none): the
 * relay's FLV header promises both tracks, and players wait for sound that never comes otherwise.
 */
export function liveInputPlan(
  source: LiveSource,
  settings: LiveEncodingSettings,
  options: LiveInputOptions = {},
): LiveInputPlan {
  const platform = options.platform ?? process.platform;
  const fps = String(settings.video?.fps ?? 30);
  const wantVideo = settings.video !== null;

  switch (source.kind) {
    case 'test-pattern': {
      const size = settings.video ? `${settings.video.width}x${settings.video.height}` : '640x360';
      const sine = ['-re', '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=${LIVE_AUDIO_SAMPLE_RATE}`];
      if (!wantVideo) return plan(sine, 1, null, '0:a:0', 'the test tone');
      return plan(
        ['-re', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=${fps}`, ...sine],
        2,
        '0:v:0',
        '1:a:0',
        'the test pattern',
      );
    }
    case 'file': {
      const file = ['-re', ...(source.loop ? ['-stream_loop', '-1'] : []), '-i', source.path];
      if (source.hasAudio)
        return plan(file, 1, wantVideo ? '0:v:0' : null, '0:a:0', `the file ${source.path}`);
      return plan([...file, ...silence()], 2, wantVideo ? '0:v:0' : null, '1:a:0', `the file ${source.path}`);
    }
    case 'camera':
      return capturePlan(platform, fps, wantVideo, source.camera, source.microphone, 'camera');
    case 'screen':
      return capturePlan(
        platform,
        fps,
        wantVideo,
        source.screen,
        source.microphone,
        'screen',
        source.windowsCapture,
      );
  }
}

function capturePlan(
  platform: NodeJS.Platform,
  fps: string,
  wantVideo: boolean,
  videoDevice: string,
  microphone: string | null,
  what: 'camera' | 'screen',
  windowsCapture: 'gdigrab' | 'ddagrab' = 'gdigrab',
): LiveInputPlan {
  const description = `the ${what} ${videoDevice}${microphone ? ` and the microphone ${microphone}` : ''}`;
  if (!wantVideo && !microphone) {
    throw new LiveSourceError('Sound alone needs a microphone: choose one, or a preset with video.');
  }

  if (platform === 'darwin') {
    // avfoundation opens a picture and a sound device together in one input: `video:audio`.
    const video = wantVideo ? videoDevice : 'none';
    const audio = microphone ?? 'none';
    const cursor = what === 'screen' ? ['-capture_cursor', '1'] : [];
    const args = [
      ...LIVE_INPUT,
      '-f',
      'avfoundation',
      '-framerate',
      fps,
      ...cursor,
      '-i',
      `${video}:${audio}`,
    ];
    if (microphone) return plan(args, 1, wantVideo ? '0:v:0' : null, '0:a:0', description);
    return plan([...args, ...silence()], 2, '0:v:0', '1:a:0', description);
  }

  if (platform === 'win32') {
    if (what === 'camera') {
      const spec = [
        wantVideo ? `video=${dshowName(videoDevice)}` : null,
        microphone ? `audio=${dshowName(microphone)}` : null,
      ]
        .filter(Boolean)
        .join(':');
      const args = [...LIVE_INPUT, '-f', 'dshow', '-rtbufsize', '256M', '-i', spec];
      if (microphone) return plan(args, 1, wantVideo ? '0:v:0' : null, '0:a:0', description);
      return plan([...args, ...silence()], 2, '0:v:0', '1:a:0', description);
    }
    const screen = !wantVideo
      ? []
      : windowsCapture === 'ddagrab'
        ? [
            '-f',
            'lavfi',
            '-i',
            `ddagrab=output_idx=${/^\d+$/.test(videoDevice) ? videoDevice : '0'}:framerate=${fps},hwdownload,format=bgra`,
          ]
        : [...LIVE_INPUT, '-f', 'gdigrab', '-framerate', fps, '-draw_mouse', '1', '-i', videoDevice];
    const sound = microphone
      ? [...LIVE_INPUT, '-f', 'dshow', '-i', `audio=${dshowName(microphone)}`]
      : silence();
    if (!wantVideo) return plan(sound, 1, null, '0:a:0', description);
    return plan([...screen, ...sound], 2, '0:v:0', '1:a:0', description);
  }

  // Linux.
  const video = !wantVideo
    ? []
    : what === 'camera'
      ? [...LIVE_INPUT, '-f', 'v4l2', '-framerate', fps, '-i', videoDevice]
      : [...LIVE_INPUT, '-f', 'x11grab', '-framerate', fps, '-draw_mouse', '1', '-i', videoDevice];
  const sound = microphone ? linuxMicrophone(microphone) : silence();
  if (!wantVideo) return plan(sound, 1, null, '0:a:0', description);
  return plan([...video, ...sound], 2, '0:v:0', '1:a:0', description);
}
