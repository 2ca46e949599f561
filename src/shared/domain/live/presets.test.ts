import { describe, expect, it } from 'vitest';
import {
  LIVE_PRESETS,
  customLiveSettingsSchema,
  keyframeIntervalFrames,
  liveEncodingChoiceSchema,
  liveEncodingSettings,
  liveOutputArgs,
  liveVideoArgs,
} from './presets';

function valueAfter(args: readonly string[], flag: string): string | undefined {
  const index = args.indexOf(flag);
  return index === -1 ? undefined : args[index + 1];
}

describe('live presets', () => {
  it('offers the five presets with their sizes, frame rates and bitrates', () => {
    const summary = Object.values(LIVE_PRESETS).map(({ id, settings }) => [
      id,
      settings.video && `${settings.video.width}x${settings.video.height}@${settings.video.fps}`,
      settings.video?.videoKbps ?? null,
      settings.audioKbps,
    ]);
    expect(summary).toEqual([
      ['480p30', '854x480@30', 1200, 128],
      ['720p30', '1280x720@30', 2500, 128],
      ['1080p30', '1920x1080@30', 4500, 128],
      ['1080p60', '1920x1080@60', 6000, 128],
      ['audio-only', null, null, 128],
    ]);
  });

  it('puts a keyframe every 2 seconds at any frame rate', () => {
    expect(keyframeIntervalFrames(30)).toBe(60);
    expect(keyframeIntervalFrames(60)).toBe(120);
    const args = liveVideoArgs(LIVE_PRESETS['1080p60'].settings.video!, 'libx264');
    expect(valueAfter(args, '-g')).toBe('120');
    expect(valueAfter(args, '-keyint_min')).toBe('120');
    expect(valueAfter(args, '-sc_threshold')).toBe('0');
  });

  it('encodes 720p30 with x264 at a steady 2.5 Mbit/s, tuned for latency, in yuv420p', () => {
    const args = liveOutputArgs(LIVE_PRESETS['720p30'].settings, 'libx264');
    expect(valueAfter(args, '-c:v')).toBe('libx264');
    expect(valueAfter(args, '-preset')).toBe('veryfast');
    expect(valueAfter(args, '-tune')).toBe('zerolatency');
    expect(valueAfter(args, '-b:v')).toBe('2500k');
    expect(valueAfter(args, '-maxrate')).toBe('2500k');
    expect(valueAfter(args, '-bufsize')).toBe('5000k');
    expect(valueAfter(args, '-vf')).toContain('scale=1280:720:force_original_aspect_ratio=decrease');
    expect(valueAfter(args, '-vf')).toMatch(/fps=30,format=yuv420p$/);
    expect(args.slice(args.indexOf('-c:a'))).toEqual([
      '-c:a',
      'aac',
      '-b:a',
      '128k',
      '-ar',
      '48000',
      '-ac',
      '2',
    ]);
  });

  it('sends sound alone for the audio-only preset', () => {
    const args = liveOutputArgs(LIVE_PRESETS['audio-only'].settings, 'libx264');
    expect(args[0]).toBe('-vn');
    expect(args).not.toContain('-c:v');
  });

  it('uploads frames to the GPU for VAAPI and uses each encoder its own switches', () => {
    const video = LIVE_PRESETS['720p30'].settings.video!;
    expect(valueAfter(liveVideoArgs(video, 'h264_vaapi'), '-vf')).toMatch(/format=nv12,hwupload$/);
    expect(liveVideoArgs(video, 'h264_nvenc')).toEqual(expect.arrayContaining(['-tune', 'll', '-rc', 'cbr']));
    expect(liveVideoArgs(video, 'h264_nvenc')).not.toContain('zerolatency');
    expect(valueAfter(liveVideoArgs(video, 'h264_qsv'), '-vf')).toMatch(/format=nv12$/);
  });
});

describe('custom live settings', () => {
  const valid = { width: 1280, height: 720, fps: 30, videoKbps: 3000, audioKbps: 160 };

  it('accepts sane settings and turns them into encoding settings', () => {
    const choice = liveEncodingChoiceSchema.parse({ custom: valid });
    expect(liveEncodingSettings(choice)).toEqual({
      video: { width: 1280, height: 720, fps: 30, videoKbps: 3000 },
      audioKbps: 160,
    });
    expect(liveEncodingSettings({ preset: '480p30' })).toBe(LIVE_PRESETS['480p30'].settings);
  });

  it.each([
    [{ width: 1281 }, 'The width must be an even number of pixels'],
    [{ height: 100 }, 'The height must be at least 180 pixels'],
    [{ width: 7680 }, 'The width must be at most 3840 pixels'],
    [{ fps: 120 }, 'The frame rate must be at most 60 fps'],
    [{ fps: 29.97 }, 'The frame rate must be a whole number of frames per second'],
    [{ videoKbps: 100 }, 'The video bitrate must be at least 300 kbit/s'],
    [{ audioKbps: 1000 }, 'The audio bitrate must be at most 320 kbit/s'],
    [{ videoKbps: 'fast' }, 'The video bitrate must be a number of kbit/s'],
  ])('refuses %o with a message saying why', (change, message) => {
    const result = customLiveSettingsSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toContain(message);
  });

  it('refuses a preset it does not know', () => {
    expect(liveEncodingChoiceSchema.safeParse({ preset: '4k120' }).success).toBe(false);
  });
});
