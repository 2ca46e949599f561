import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnreadableMediaError } from './encoder';
import { FfmpegEncoder } from './ffmpeg-encoder';
import { FfmpegNotFoundError } from './ffmpeg-path';
import { createEncoder } from './index';
import { makeClip, makeTone, scratchFolder } from './test/media';

const { dir, cleanup } = scratchFolder('probe');
const encoder = new FfmpegEncoder();
let clip: string;

beforeAll(async () => {
  clip = await makeClip(join(dir, 'clip.mp4'), { width: 640, height: 360, seconds: 3 });
});
afterAll(cleanup);

describe('FfmpegEncoder.probe', () => {
  it('tells a video: container, duration, size, codecs, bytes', async () => {
    const probe = await encoder.probe(clip);
    expect(probe).toMatchObject({
      kind: 'video',
      width: 640,
      height: 360,
      videoCodec: 'h264',
      audioCodec: 'aac',
      bytes: readFileSync(clip).length,
    });
    expect(probe.container).toContain('mp4');
    expect(probe.durationMs).toBeGreaterThan(2_900);
    expect(probe.durationMs).toBeLessThan(3_200);
  });

  it('tells audio, and a file with only sound in an MP4 container is audio', async () => {
    const m4a = await encoder.probe(await makeTone(join(dir, 'tone.m4a'), 2));
    expect(m4a).toMatchObject({
      kind: 'audio',
      audioCodec: 'aac',
      videoCodec: null,
      width: null,
      height: null,
    });
    expect(m4a.durationMs).toBeGreaterThan(1_900);
    const wav = await encoder.probe(await makeTone(join(dir, 'tone.wav'), 1));
    expect(wav).toMatchObject({ kind: 'audio', container: 'wav', audioCodec: 'pcm_s16le' });
  });

  it('gives a phone video turned a quarter its shown size', async () => {
    const rotated = join(dir, 'rotated.mp4');
    await makeClip(rotated, { width: 320, height: 180, seconds: 1, rotate: 90 });
    expect(await encoder.probe(rotated)).toMatchObject({ width: 180, height: 320 });
  });
});

describe('FfmpegEncoder.probe refuses what is not media, in words', () => {
  it('a renamed .exe', async () => {
    const exe = join(dir, 'setup.mp4');
    writeFileSync(
      exe,
      Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(4096, 7)]),
    );
    await expect(encoder.probe(exe)).rejects.toThrow(UnreadableMediaError);
    await expect(encoder.probe(exe)).rejects.toThrow(/not a photo, video or audio file/);
  });

  it('a zero-byte file', async () => {
    const empty = join(dir, 'empty.mp4');
    writeFileSync(empty, '');
    await expect(encoder.probe(empty)).rejects.toThrow(new UnreadableMediaError('The file is empty.'));
  });

  it('a missing file', async () => {
    await expect(encoder.probe(join(dir, 'nowhere.mp4'))).rejects.toThrow(/could not be opened/);
  });

  it('an HLS playlist named .mp4 (ffmpeg would follow it to other files)', async () => {
    const playlist = join(dir, 'playlist.mp4');
    writeFileSync(playlist, '#EXTM3U\n#EXTINF:1,\nfile:///etc/passwd\n');
    await expect(encoder.probe(playlist)).rejects.toThrow(UnreadableMediaError);
  });

  it('an MP4 cut in half whose index (moov) came last', async () => {
    const half = join(dir, 'half.mp4');
    writeFileSync(half, readFileSync(clip).subarray(0, Math.floor(readFileSync(clip).length / 2)));
    const error = await encoder.probe(half).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreadableMediaError);
    expect((error as Error).message).toMatch(/incomplete/);
    expect((error as Error).message).not.toContain(dir);
  });

  it('an MP4 cut in half whose index came first (faststart): ffprobe alone would read it', async () => {
    const fast = await makeClip(join(dir, 'fast.mp4'), { seconds: 2, extra: ['-movflags', '+faststart'] });
    const half = join(dir, 'fast-half.mp4');
    writeFileSync(half, readFileSync(fast));
    truncateSync(half, Math.floor(readFileSync(fast).length / 2));
    await expect(encoder.probe(half)).rejects.toThrow(/MP4 video is incomplete/);
  });

  it('random bytes after a real MP4 header', async () => {
    const garbage = join(dir, 'garbage.mp4');
    const head = readFileSync(clip).subarray(0, 32);
    writeFileSync(garbage, Buffer.concat([head, Buffer.alloc(2048, 0x41)]));
    await expect(encoder.probe(garbage)).rejects.toThrow(UnreadableMediaError);
  });
});

describe('createEncoder', () => {
  it('never fails to create: without ffmpeg, video jobs fail saying so and photos still work', async () => {
    const { media, photos } = createEncoder({ ffmpegPath: join(dir, 'no-ffmpeg-here') });
    await expect(media.probe(clip)).rejects.toBeInstanceOf(FfmpegNotFoundError);
    await expect(media.probe(clip)).rejects.toThrow(/The ffmpeg setting points to .*no-ffmpeg-here/);
    await expect(photos.probe(clip)).rejects.toThrow('This MP4 video is not a photo.');
  });

  it("finds this machine's ffmpeg by default", async () => {
    expect(await createEncoder().media.probe(clip)).toMatchObject({ kind: 'video', width: 640 });
  });
});
