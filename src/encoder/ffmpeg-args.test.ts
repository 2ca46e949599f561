import { describe, expect, it } from 'vitest';
import {
  boxblurFor,
  contactSheetJob,
  ffmpegArgv,
  fitWithin,
  formatFor,
  videoPreviewJob,
  webRenditionJob,
  webSize,
  type VideoJobInput,
} from './ffmpeg-args';
import { fluentCommand } from './ffmpeg-run';

const source: VideoJobInput = {
  input: '/media/in put.mov',
  output: '/out/full.mp4',
  size: { width: 3840, height: 2160 },
  durationMs: 60_000,
  videoStream: 0,
  audioStream: 1,
};

/** fluent-ffmpeg's own argument list for a command (a private method: exactly what it would spawn). */
function fluentArgs(command: unknown): string[] {
  return (command as { _getArguments(): string[] })._getArguments();
}

describe('sizes', () => {
  it('fits within the 1080p box of its orientation, never upscaling, with even sides', () => {
    expect(webSize({ width: 3840, height: 2160 })).toEqual({ width: 1920, height: 1080 });
    expect(webSize({ width: 1920, height: 1080 })).toEqual({ width: 1920, height: 1080 });
    expect(webSize({ width: 1080, height: 1920 })).toEqual({ width: 1080, height: 1920 });
    expect(webSize({ width: 2160, height: 3840 })).toEqual({ width: 1080, height: 1920 });
    expect(webSize({ width: 2560, height: 1080 })).toEqual({ width: 1920, height: 810 });
    expect(webSize({ width: 641, height: 361 })).toEqual({ width: 640, height: 360 });
    expect(webSize({ width: 1440, height: 1080 })).toEqual({ width: 1440, height: 1080 });
  });

  it('fits a preview by height alone', () => {
    expect(fitWithin({ width: 1920, height: 1080 }, Number.MAX_SAFE_INTEGER, 480)).toEqual({
      width: 854,
      height: 480,
    });
    expect(fitWithin({ width: 320, height: 180 }, Number.MAX_SAFE_INTEGER, 480)).toEqual({
      width: 320,
      height: 180,
    });
  });

  it('blurs within what boxblur accepts even for a tiny picture', () => {
    expect(boxblurFor({ width: 854, height: 480 })).toBe(
      'boxblur=luma_radius=24:luma_power=2:chroma_radius=12:chroma_power=2',
    );
    expect(boxblurFor({ width: 8, height: 6 })).toBe(
      'boxblur=luma_radius=2:luma_power=2:chroma_radius=1:chroma_power=2',
    );
  });

  it('names the muxer by extension: .m4a as ipod, so its brand says audio', () => {
    expect(formatFor('/a/full.m4a')).toEqual(['-f', 'ipod']);
    expect(formatFor('/a/FULL.MP4')).toEqual(['-f', 'mp4']);
    expect(formatFor('/a/file')).toEqual([]);
  });
});

describe('ffmpegArgv: what the benchmark runs is what fluent-ffmpeg runs', () => {
  it.each([
    ['web rendition', webRenditionJob(source, { preset: 'veryfast' })],
    [
      'web rendition with a watermark',
      webRenditionJob(source, { preset: 'medium', watermarkPng: '/tmp/w m.png' }),
    ],
    [
      'blurred preview',
      videoPreviewJob(source, { preset: 'veryfast', seconds: 5, maxHeight: 480, blur: true }),
    ],
    ['contact sheet', contactSheetJob(source, { columns: 3, rows: 2, tileWidth: 160 })],
  ])('%s', (_name, job) => {
    const output = '/out/.full.1234.partial.mp4';
    expect(fluentArgs(fluentCommand('/usr/bin/ffmpeg', job, output))).toEqual(ffmpegArgv(job, output));
  });

  it('the web rendition asks for what the product promises', () => {
    const args = ffmpegArgv(webRenditionJob(source, { preset: 'veryfast' }), '/out/full.mp4');
    const after = (flag: string) => args[args.indexOf(flag) + 1];
    expect(after('-c:v')).toBe('libx264');
    expect(after('-preset')).toBe('veryfast');
    expect(after('-crf')).toBe('23');
    expect(after('-pix_fmt')).toBe('yuv420p');
    expect(after('-vf')).toBe('scale=1920:1080,setsar=1');
    expect(after('-c:a')).toBe('aac');
    expect(after('-b:a')).toBe('128k');
    expect(after('-ar')).toBe('48000');
    expect(after('-movflags')).toBe('+faststart');
    expect(after('-map_metadata')).toBe('-1');
    expect(after('-map_chapters')).toBe('-1');
    expect(args.at(-1)).toBe('/out/full.mp4');
  });
});
