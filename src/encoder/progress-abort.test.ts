import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EncodeCancelledError, UnreadableMediaError, type ProgressUpdate } from './encoder';
import { FfmpegEncoder } from './ffmpeg-encoder';
import { runToFile, timeLimitFor } from './ffmpeg-run';
import { filesIn, makeClip, processesMentioning, scratchFolder } from './test/media';

const { dir, cleanup } = scratchFolder('progress');
// A 6 s 720p clip takes a second or more to encode: long enough for several reports (4 a second) and an abort
// midway, short enough for a shared machine.
const encoder = new FfmpegEncoder();
let clip: string;

beforeAll(async () => {
  clip = await makeClip(join(dir, 'clip.mp4'), { width: 1280, height: 720, seconds: 6 });
});
afterAll(cleanup);

describe('progress', () => {
  it('arrives as the job goes: the fraction rises to 1, the time left falls to 0', async () => {
    const updates: ProgressUpdate[] = [];
    await encoder.videoRendition(clip, join(dir, 'web.mp4'), {
      onProgress: (update) => updates.push(update),
    });
    expect(updates.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < updates.length; i++) {
      expect(updates[i]!.fraction).toBeGreaterThanOrEqual(updates[i - 1]!.fraction);
      expect(updates[i]!.processedMs).toBeGreaterThanOrEqual(updates[i - 1]!.processedMs);
    }
    for (const update of updates) {
      expect(update.fraction).toBeGreaterThanOrEqual(0);
      expect(update.fraction).toBeLessThanOrEqual(1);
    }
    const last = updates.at(-1)!;
    expect(last.fraction).toBe(1);
    expect(last.etaMs).toBe(0);
    expect(last.speed).toBeGreaterThan(0);
    const etas = updates.map((update) => update.etaMs).filter((eta) => eta !== null);
    const firstEta = etas.find((eta) => eta > 0)!;
    expect(firstEta).toBeGreaterThan(0);
    expect(etas.at(-1)).toBeLessThan(firstEta);
    const midway = updates.filter((update) => update.fraction > 0 && update.fraction < 1);
    expect(midway.length).toBeGreaterThanOrEqual(2);
  });
});

describe('abort', () => {
  it('kills ffmpeg, rejects with EncodeCancelledError and leaves no output and no partial file', async () => {
    const controller = new AbortController();
    const output = join(dir, 'aborted', 'web.mp4');
    let sawProgress = false;
    const job = encoder.videoRendition(clip, output, {
      signal: controller.signal,
      onProgress: (update) => {
        if (update.fraction > 0.1 && !sawProgress) {
          sawProgress = true;
          controller.abort();
        }
      },
    });
    await expect(job).rejects.toBeInstanceOf(EncodeCancelledError);
    expect(sawProgress).toBe(true);
    expect(existsSync(output)).toBe(false);
    expect(filesIn(join(dir, 'aborted'))).toEqual([]);
    expect(processesMentioning(join(dir, 'aborted'))).toEqual([]);
  });

  it('an aborted signal stops the job before ffmpeg starts', async () => {
    const output = join(dir, 'never', 'web.mp4');
    const job = encoder.videoRendition(clip, output, { signal: AbortSignal.abort() });
    await expect(job).rejects.toBeInstanceOf(EncodeCancelledError);
    expect(existsSync(output)).toBe(false);
  });

  it('an abort right after the call, while the input is probed, still cancels', async () => {
    const controller = new AbortController();
    const output = join(dir, 'early', 'web.mp4');
    const job = encoder.videoRendition(clip, output, { signal: controller.signal });
    controller.abort();
    await expect(job).rejects.toBeInstanceOf(EncodeCancelledError);
    expect(existsSync(output)).toBe(false);
    expect(existsSync(join(dir, 'early')) ? filesIn(join(dir, 'early')) : []).toEqual([]);
  });
});

describe('time limit', () => {
  it('stops an ffmpeg run that outlasts its limit: UnreadableMediaError in words, ffmpeg killed, no file', async () => {
    const output = join(dir, 'slow', 'web.mp4');
    mkdirSync(join(dir, 'slow'), { recursive: true });
    // An endless test pattern: only the limit ends this run.
    const endless = {
      inputs: [{ source: 'testsrc2=size=640x360:rate=30', options: ['-f', 'lavfi', '-re'] }],
      outputOptions: ['-c:v', 'libx264', '-preset', 'ultrafast', '-f', 'mp4'],
      totalMs: null,
    };
    const started = Date.now();
    const run = runToFile(encoder.paths().ffmpeg, endless, output, { timeLimitMs: 1_500 });
    await expect(run).rejects.toBeInstanceOf(UnreadableMediaError);
    await expect(run).rejects.toThrow(/took longer than/);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(processesMentioning(join(dir, 'slow'))).toEqual([]);
  });

  it('allows four times the length, at least 10 minutes, 30 when the length is unknown', () => {
    expect(timeLimitFor(null)).toBe(30 * 60_000);
    expect(timeLimitFor(60_000)).toBe(10 * 60_000);
    expect(timeLimitFor(3 * 3_600_000)).toBe(12 * 3_600_000);
  });
});
