import { readFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sniffMedia } from '@shared/domain/media/sniff';
import { UnreadableMediaError } from './encoder';
import { FfmpegEncoder } from './ffmpeg-encoder';
import { ffprobeJson, filesIn, makeClip, makeTone, scratchFolder } from './test/media';

const { dir, cleanup } = scratchFolder('stills');
const encoder = new FfmpegEncoder();
const run = promisify(execFile);
let clip: string;

beforeAll(async () => {
  clip = await makeClip(join(dir, 'clip.mp4'), { width: 640, height: 360, seconds: 3 });
});
afterAll(cleanup);

describe('FfmpegEncoder.frame', () => {
  it('writes WebP or JPEG by extension, within maxSide, never upscaled', async () => {
    await encoder.frame(clip, join(dir, 'thumb.webp'), { maxSide: 480 });
    expect(await sharp(join(dir, 'thumb.webp')).metadata()).toMatchObject({
      format: 'webp',
      width: 480,
      height: 270,
    });
    await encoder.frame(clip, join(dir, 'poster.jpg'));
    const poster = await sharp(join(dir, 'poster.jpg')).metadata();
    expect(poster).toMatchObject({ format: 'jpeg', width: 640, height: 360 });
    expect(poster.exif).toBeUndefined();
  });

  it('blurs when asked: far less detail than the sharp frame', async () => {
    await encoder.frame(clip, join(dir, 'sharp.webp'), { atMs: 1_000, maxSide: 320 });
    await encoder.frame(clip, join(dir, 'blurred.webp'), { atMs: 1_000, maxSide: 320, blur: true });
    const detail = async (file: string) => {
      // Edge energy: the mean squared difference between neighbours (a blur spreads an edge, squares shrink).
      const { data, info } = await sharp(join(dir, file))
        .greyscale()
        .raw()
        .toBuffer({ resolveWithObject: true });
      let sum = 0;
      for (let y = 0; y < info.height; y++) {
        for (let x = 1; x < info.width; x++)
          sum += (data[y * info.width + x]! - data[y * info.width + x - 1]!) ** 2;
      }
      return sum / (info.height * (info.width - 1));
    };
    expect(await detail('blurred.webp')).toBeLessThan((await detail('sharp.webp')) / 10);
  });

  it('takes the first frame when asked past the end', async () => {
    await encoder.frame(clip, join(dir, 'late.webp'), { atMs: 60_000, maxSide: 160 });
    expect(await sharp(join(dir, 'late.webp')).metadata()).toMatchObject({ width: 160, height: 90 });
  });

  it('refuses an output that is neither WebP nor JPEG, and audio as input', async () => {
    await expect(encoder.frame(clip, join(dir, 'frame.gif'))).rejects.toThrow(/\.webp, \.jpg or \.jpeg/);
    const tone = await makeTone(join(dir, 'tone.mp3'), 1);
    await expect(encoder.frame(tone, join(dir, 'tone.webp'))).rejects.toBeInstanceOf(UnreadableMediaError);
  });
});

describe('FfmpegEncoder.contactSheet', () => {
  it('is a grid of columns × rows tiles of tileWidth', async () => {
    await encoder.contactSheet(clip, join(dir, 'sheet.webp'), { columns: 3, rows: 2, tileWidth: 160 });
    expect(await sharp(join(dir, 'sheet.webp')).metadata()).toMatchObject({
      format: 'webp',
      width: 480,
      height: 180,
    });
    await encoder.contactSheet(clip, join(dir, 'sheet.jpg'));
    expect(await sharp(join(dir, 'sheet.jpg')).metadata()).toMatchObject({ width: 4 * 320, height: 4 * 180 });
  });

  it('shows different moments in its tiles', async () => {
    const { data, info } = await sharp(join(dir, 'sheet.webp')).raw().toBuffer({ resolveWithObject: true });
    // testsrc2 prints the time top-left in each tile: the first and last tiles differ there.
    const tile = (column: number, row: number) => {
      const bytes: number[] = [];
      for (let y = row * 90; y < row * 90 + 20; y++) {
        for (let x = column * 160; x < column * 160 + 40; x++)
          bytes.push(data[(y * info.width + x) * info.channels]!);
      }
      return bytes;
    };
    expect(tile(0, 0)).not.toEqual(tile(2, 1));
  });
});

describe('FfmpegEncoder audio', () => {
  it('audioRendition: AAC in an M4A whose brand says audio, tags and cover gone', async () => {
    const mp3 = await makeTone(join(dir, 'song.mp3'), 2, { title: 'Private demo', artist: 'Ada' });
    const probe = await encoder.audioRendition(mp3, join(dir, 'song.m4a'));
    expect(probe).toMatchObject({ kind: 'audio', audioCodec: 'aac', videoCodec: null });
    expect(Math.abs(probe.durationMs! - 2_000)).toBeLessThanOrEqual(200);
    expect(sniffMedia(readFileSync(join(dir, 'song.m4a')).subarray(0, 64))).toMatchObject({ kind: 'audio' });
    const report = await ffprobeJson(join(dir, 'song.m4a'));
    expect(JSON.stringify(report)).not.toMatch(/Private demo|Ada/);
  });

  it('an MP3 with album art is audio, and its rendition has no picture', async () => {
    const cover = join(dir, 'cover.png');
    await sharp({ create: { width: 64, height: 64, channels: 3, background: '#00ff00' } })
      .png()
      .toFile(cover);
    const tone = await makeTone(join(dir, 'plain.mp3'), 1);
    const withArt = join(dir, 'with-art.mp3');
    await run('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-i',
      tone,
      '-i',
      cover,
      '-map',
      '0',
      '-map',
      '1',
      '-c',
      'copy',
      '-disposition:v:0',
      'attached_pic',
      '-id3v2_version',
      '3',
      withArt,
    ]);
    expect(await encoder.probe(withArt)).toMatchObject({ kind: 'audio', videoCodec: null, width: null });
    const rendition = join(dir, 'with-art.m4a');
    await encoder.audioRendition(withArt, rendition);
    expect((await ffprobeJson(rendition)).streams.map((stream) => stream.codec_type)).toEqual(['audio']);
  });

  it('audioPreview: the first seconds', async () => {
    const long = await makeTone(join(dir, 'long.wav'), 4);
    const probe = await encoder.audioPreview(long, join(dir, 'preview.m4a'), { seconds: 2 });
    expect(probe).toMatchObject({ kind: 'audio', audioCodec: 'aac' });
    expect(Math.abs(probe.durationMs! - 2_000)).toBeLessThanOrEqual(200);
  });

  it('audioRendition of a video keeps its sound alone', async () => {
    const probe = await encoder.audioRendition(clip, join(dir, 'clip.m4a'));
    expect(probe).toMatchObject({ kind: 'audio', videoCodec: null, audioCodec: 'aac' });
  });

  it('refuses a video without sound', async () => {
    const silent = await makeClip(join(dir, 'silent.mp4'), { seconds: 1, silent: true });
    await expect(encoder.audioRendition(silent, join(dir, 'silent.m4a'))).rejects.toThrow(
      new UnreadableMediaError('This MP4 video has no sound in it.'),
    );
  });

  it('leaves no partial file behind', () => {
    expect(filesIn(dir).filter((name) => name.includes('.partial'))).toEqual([]);
  });
});
