import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sniffMedia } from '@shared/domain/media/sniff';
import { readFileSync } from 'node:fs';
import { UnreadableMediaError } from './encoder';
import { FfmpegEncoder } from './ffmpeg-encoder';
import { ffprobeJson, filesIn, makeClip, makeTone, scratchFolder, topLevelBoxes } from './test/media';

const { dir, cleanup } = scratchFolder('video');
const encoder = new FfmpegEncoder();
const run = promisify(execFile);
const SECRET_TAGS = { title: 'My secret title', location: '+48.8584+002.2945/', comment: 'shot at home' };
let tagged: string;

beforeAll(async () => {
  tagged = await makeClip(join(dir, 'tagged.mov'), {
    seconds: 3,
    tags: SECRET_TAGS,
    extra: ['-metadata:s:v:0', 'title=stream title', '-metadata:s:a:0', 'title=mic 1'],
  });
});
afterAll(cleanup);

/** Every tag ffprobe sees, container and streams, as `key=value`. */
async function tagsOf(file: string): Promise<string[]> {
  const report = await ffprobeJson(file);
  const all = [report.format.tags ?? {}, ...report.streams.map((stream) => stream.tags ?? {})];
  return all.flatMap((tags) => Object.entries(tags).map(([key, value]) => `${key}=${value}`));
}

function expectNoSecrets(tags: string[]) {
  const text = tags.join('\n');
  for (const secret of [...Object.values(SECRET_TAGS), 'stream title', 'mic 1'])
    expect(text).not.toContain(secret);
  expect(text).not.toMatch(/^(title|location|comment|creation_time)=/m);
}

describe('FfmpegEncoder.videoRendition: the web rendition', () => {
  it('is H.264 yuv420p and AAC 48 kHz in an MP4 with faststart, without the source metadata', async () => {
    expect((await tagsOf(tagged)).join('\n')).toContain('My secret title');
    const output = join(dir, 'web.mp4');
    const probe = await encoder.videoRendition(tagged, output);
    expect(probe).toMatchObject({
      kind: 'video',
      width: 640,
      height: 360,
      videoCodec: 'h264',
      audioCodec: 'aac',
    });
    expect(probe.durationMs).toBeGreaterThan(2_800);
    expect(probe.durationMs).toBeLessThan(3_300);

    const report = await ffprobeJson(output);
    const video = report.streams.find((stream) => stream.codec_type === 'video')!;
    const audio = report.streams.find((stream) => stream.codec_type === 'audio')!;
    expect(video).toMatchObject({ codec_name: 'h264', pix_fmt: 'yuv420p' });
    expect(audio).toMatchObject({ codec_name: 'aac', sample_rate: '48000' });
    expect(report.format.format_name).toContain('mp4');
    // faststart: the index (moov) before the media data, so a browser can play before the whole file arrives.
    const boxes = topLevelBoxes(output);
    expect(boxes.indexOf('moov')).toBeGreaterThan(-1);
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
    expectNoSecrets(await tagsOf(output));
    expect(report.chapters ?? []).toEqual([]);
    expect(sniffMedia(readFileSync(output).subarray(0, 64))).toMatchObject({
      kind: 'video',
      mime: 'video/mp4',
    });
  });

  it('keeps 1080p as it is and never upscales', async () => {
    const fullHd = await makeClip(join(dir, 'fullhd.mp4'), {
      width: 1920,
      height: 1080,
      seconds: 2,
      rate: 15,
    });
    expect(await encoder.videoRendition(fullHd, join(dir, 'fullhd-web.mp4'))).toMatchObject({
      width: 1920,
      height: 1080,
    });
    const small = await makeClip(join(dir, 'small.mp4'), { width: 320, height: 240, seconds: 1 });
    expect(await encoder.videoRendition(small, join(dir, 'small-web.mp4'))).toMatchObject({
      width: 320,
      height: 240,
    });
  });

  it('scales 4K down to 1920 × 1080', async () => {
    const uhd = await makeClip(join(dir, 'uhd.mp4'), { width: 3840, height: 2160, seconds: 1, rate: 5 });
    const probe = await encoder.videoRendition(uhd, join(dir, 'uhd-web.mp4'));
    expect(probe).toMatchObject({ width: 1920, height: 1080 });
  });

  it("turns a phone's rotated video upright", async () => {
    const rotated = await makeClip(join(dir, 'rotated.mp4'), {
      width: 320,
      height: 180,
      seconds: 1,
      rotate: 90,
    });
    const probe = await encoder.videoRendition(rotated, join(dir, 'rotated-web.mp4'));
    expect(probe).toMatchObject({ width: 180, height: 320 });
    const report = await ffprobeJson(join(dir, 'rotated-web.mp4'));
    expect(report.streams.find((stream) => stream.codec_type === 'video')).toMatchObject({
      width: 180,
      height: 320,
    });
  });

  it('encodes the video and leaves a cover picture out', async () => {
    const cover = join(dir, 'cover.png');
    await sharp({ create: { width: 100, height: 100, channels: 3, background: '#ff0000' } })
      .png()
      .toFile(cover);
    const withCover = join(dir, 'with-cover.mp4');
    await run('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-i',
      cover,
      '-i',
      tagged,
      '-map',
      '0',
      '-map',
      '1',
      '-c',
      'copy',
      '-disposition:v:0',
      'attached_pic',
      withCover,
    ]);
    const pictures = (await ffprobeJson(withCover)).streams.filter((stream) => stream.codec_name === 'png');
    expect(pictures).toHaveLength(1);
    expect(await encoder.probe(withCover)).toMatchObject({ width: 640, height: 360, videoCodec: 'h264' });
    const output = join(dir, 'with-cover-web.mp4');
    expect(await encoder.videoRendition(withCover, output)).toMatchObject({ width: 640, height: 360 });
    const streams = (await ffprobeJson(output)).streams.map(
      (stream) => `${stream.codec_type}:${stream.codec_name}`,
    );
    expect(streams).toEqual(['video:h264', 'audio:aac']);
  });

  it('keeps a few frames far apart as they are instead of filling the gaps (a duration bomb)', async () => {
    // 12 frames: 3 at 30 fps, then one every 10 s. Constant frame rate would encode ~2,700.
    const bomb = join(dir, 'bomb.mkv');
    await run('ffmpeg', [
      ...['-v', 'error', '-y', '-f', 'lavfi', '-t', '0.4', '-i', 'testsrc2=size=320x180:rate=30'],
      ...['-vf', "setpts='if(gte(N,3),(N-3)*10/TB+0.1/TB,PTS)'", '-fps_mode', 'passthrough'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', bomb],
    ]);
    const frames = async (file: string) => {
      const { stdout } = await run('ffprobe', [
        ...['-v', 'error', '-count_frames', '-select_streams', 'v:0'],
        ...['-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', file],
      ]);
      return Number(stdout.trim());
    };
    expect(await frames(bomb)).toBe(12);
    await encoder.videoRendition(bomb, join(dir, 'bomb-web.mp4'));
    expect(await frames(join(dir, 'bomb-web.mp4'))).toBeLessThanOrEqual(12);
    await encoder.videoPreview(bomb, join(dir, 'bomb-preview.mp4'), { seconds: 30 });
    expect(await frames(join(dir, 'bomb-preview.mp4'))).toBeLessThanOrEqual(12);
  });

  it('encodes a video without sound', async () => {
    const silent = await makeClip(join(dir, 'silent.mp4'), { seconds: 1, silent: true });
    const probe = await encoder.videoRendition(silent, join(dir, 'silent-web.mp4'));
    expect(probe).toMatchObject({ videoCodec: 'h264', audioCodec: null });
  });

  it("draws the creator's handle in the bottom-right corner", async () => {
    const plain = join(dir, 'plain.mp4');
    const marked = join(dir, 'marked.mp4');
    await encoder.videoRendition(tagged, plain);
    await encoder.videoRendition(tagged, marked, { watermark: '@ada' });
    const corner = async (file: string, name: string) => {
      await encoder.frame(file, join(dir, name), { atMs: 1_000 });
      const region = { left: 440, top: 300, width: 200, height: 60 };
      return sharp(join(dir, name)).extract(region).raw().toBuffer();
    };
    const [a, b] = [await corner(plain, 'plain.jpg'), await corner(marked, 'marked.jpg')];
    let differing = 0;
    for (let i = 0; i < a.length; i++) if (Math.abs(a[i]! - b[i]!) > 40) differing++;
    expect(differing / a.length).toBeGreaterThan(0.02);
    // …and nowhere else: the top-left corner is the same.
    const topLeft = async (name: string) =>
      sharp(join(dir, name)).extract({ left: 200, top: 0, width: 200, height: 60 }).raw().toBuffer();
    const [c, d] = [await topLeft('plain.jpg'), await topLeft('marked.jpg')];
    let changed = 0;
    for (let i = 0; i < c.length; i++) if (Math.abs(c[i]! - d[i]!) > 40) changed++;
    expect(changed / c.length).toBeLessThan(0.005);
  });

  it('refuses sound alone, saying there is no video', async () => {
    const tone = await makeTone(join(dir, 'tone.m4a'), 1);
    await expect(encoder.videoRendition(tone, join(dir, 'tone-web.mp4'))).rejects.toThrow(
      new UnreadableMediaError('This M4A audio has no video in it.'),
    );
  });

  it('leaves no partial file behind', () => {
    expect(filesIn(dir).filter((name) => name.includes('.partial'))).toEqual([]);
  });
});

describe('FfmpegEncoder.remuxStripped', () => {
  it('copies H.264/AAC into a faststart MP4 without the metadata', async () => {
    const output = join(dir, 'remuxed.mp4');
    const probe = await encoder.remuxStripped(tagged, output);
    expect(probe).toMatchObject({ width: 640, height: 360, videoCodec: 'h264', audioCodec: 'aac' });
    const boxes = topLevelBoxes(output);
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
    expectNoSecrets(await tagsOf(output));
  });

  it('refuses streams a browser may not play, pointing to videoRendition', async () => {
    const mpeg4 = await makeClip(join(dir, 'mpeg4.avi'), {
      seconds: 1,
      videoArgs: ['-c:v', 'mpeg4'],
      silent: true,
    });
    await expect(encoder.remuxStripped(mpeg4, join(dir, 'mpeg4.mp4'))).rejects.toThrow(/use videoRendition/);
  });
});

describe('FfmpegEncoder.videoPreview', () => {
  it('is the first seconds, at most 480 high', async () => {
    const fullHd = await makeClip(join(dir, 'preview-src.mp4'), {
      width: 1920,
      height: 1080,
      seconds: 3,
      rate: 15,
    });
    const probe = await encoder.videoPreview(fullHd, join(dir, 'preview.mp4'), { seconds: 1.5 });
    expect(probe).toMatchObject({
      kind: 'video',
      videoCodec: 'h264',
      audioCodec: 'aac',
      width: 854,
      height: 480,
    });
    expect(Math.abs(probe.durationMs! - 1_500)).toBeLessThanOrEqual(200);
    const blurred = await encoder.videoPreview(fullHd, join(dir, 'preview-blur.mp4'), {
      seconds: 1,
      maxHeight: 240,
      blur: true,
    });
    expect(blurred).toMatchObject({ width: 426, height: 240 });
    expect(Math.abs(blurred.durationMs! - 1_000)).toBeLessThanOrEqual(200);
    expectNoSecrets(await tagsOf(join(dir, 'preview.mp4')));
  });

  it('of a video shorter than the preview is the whole video', async () => {
    const probe = await encoder.videoPreview(tagged, join(dir, 'short-preview.mp4'), { seconds: 10 });
    expect(Math.abs(probe.durationMs! - 3_000)).toBeLessThanOrEqual(200);
    expect(probe.height).toBe(360);
  });
});
