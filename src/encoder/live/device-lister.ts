import {
  parseAvfoundationDevices,
  parseDshowDevices,
  parseSourcesListing,
  type CaptureDevice,
} from './capture-devices';
import { runFfmpegBriefly } from './ffmpeg-output';

/** What the Live screen offers to capture, and why something is missing (in words), per OS. */
export interface CaptureDeviceList {
  readonly video: CaptureDevice[];
  readonly audio: CaptureDevice[];
  readonly screens: CaptureDevice[];
  readonly problems: string[];
}

export interface DeviceListerOptions {
  readonly ffmpegPath: string;
  readonly platform?: NodeJS.Platform;
  /** Where `DISPLAY` is read (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * On Linux, audio devices carry their sound system in their id (`pulse:<source>`, `alsa:<device>`): the two
 * name devices differently and the source builder needs to know which input format to open.
 */
export const LINUX_AUDIO_APIS = ['pulse', 'alsa'] as const;
export type LinuxAudioApi = (typeof LINUX_AUDIO_APIS)[number];

/** ffmpeg's `-sources` output, or the reason it listed nothing (it prints `Cannot list sources: …`). */
async function sources(
  ffmpegPath: string,
  device: string,
): Promise<{ text: string; problem: string | null }> {
  const run = await runFfmpegBriefly(ffmpegPath, ['-hide_banner', '-sources', device]);
  const text = run.stdout + run.stderr;
  const cannot = /Cannot list sources: (.+)/.exec(text);
  return { text, problem: run.error ?? (cannot ? cannot[1]!.trim() : null) };
}

async function listLinux(options: DeviceListerOptions): Promise<CaptureDeviceList> {
  const problems: string[] = [];
  const [v4l2, pulse, alsa] = await Promise.all(
    ['v4l2', 'pulse', 'alsa'].map((device) => sources(options.ffmpegPath, device)),
  );
  const video = parseSourcesListing(v4l2!.text, 'video');
  if (v4l2!.problem) problems.push(`Cameras (v4l2) could not be listed: ${v4l2!.problem}`);
  const audio: CaptureDevice[] = [];
  for (const [api, listing] of [
    ['pulse', pulse!],
    ['alsa', alsa!],
  ] as const) {
    if (listing.problem) problems.push(`Microphones (${api}) could not be listed: ${listing.problem}`);
    for (const device of parseSourcesListing(listing.text, 'audio')) {
      // ALSA's `null` device records silence: never what a creator means by a microphone.
      if (api === 'alsa' && device.id === 'null') continue;
      audio.push({ ...device, id: `${api}:${device.id}` });
    }
  }
  const display = (options.env ?? process.env).DISPLAY;
  const screens: CaptureDevice[] = display
    ? [{ kind: 'screen', id: display, name: `Screen (X11 display ${display})`, isDefault: true }]
    : [];
  if (!display) problems.push('Screen capture needs an X11 display, and DISPLAY is not set.');
  return { video, audio, screens, problems };
}

async function listMac(options: DeviceListerOptions): Promise<CaptureDeviceList> {
  const run = await runFfmpegBriefly(options.ffmpegPath, [
    '-hide_banner',
    '-f',
    'avfoundation',
    '-list_devices',
    'true',
    '-i',
    '',
  ]);
  const devices = parseAvfoundationDevices(run.stderr);
  return {
    video: devices.filter((device) => device.kind === 'video'),
    audio: devices.filter((device) => device.kind === 'audio'),
    screens: devices.filter((device) => device.kind === 'screen'),
    problems: run.error ? [run.error] : [],
  };
}

async function listWindows(options: DeviceListerOptions): Promise<CaptureDeviceList> {
  const run = await runFfmpegBriefly(options.ffmpegPath, [
    '-hide_banner',
    '-list_devices',
    'true',
    '-f',
    'dshow',
    '-i',
    'dummy',
  ]);
  const devices = parseDshowDevices(run.stderr);
  return {
    video: devices.filter((device) => device.kind === 'video'),
    audio: devices.filter((device) => device.kind === 'audio'),
    // gdigrab captures the whole desktop; ddagrab picks a monitor by its output index.
    screens: [{ kind: 'screen', id: 'desktop', name: 'Whole desktop', isDefault: true }],
    problems: run.error ? [run.error] : [],
  };
}

/**
 * The capture devices of this computer, as ffmpeg sees them. Never throws for a missing device or sound
 * system: what could not be listed is said in `problems`, and the test pattern and media files need no device.
 */
export function listCaptureDevices(options: DeviceListerOptions): Promise<CaptureDeviceList> {
  const platform = options.platform ?? process.platform;
  if (platform === 'darwin') return listMac(options);
  if (platform === 'win32') return listWindows(options);
  return listLinux(options);
}
