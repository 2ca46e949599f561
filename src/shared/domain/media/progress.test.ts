import { describe, expect, it } from 'vitest';
import { parseClock, parseSpeed, parseStatsLine, progressOf, ProgressParser } from './progress';

/** One block as ffmpeg 5.1 writes it with `-progress pipe:1`. */
function block(outTimeUs: string, speed: string, progress = 'continue'): string[] {
  return [
    'frame=120',
    'fps=59.87',
    'stream_0_0_q=28.0',
    'bitrate= 512.3kbits/s',
    'total_size=262192',
    `out_time_us=${outTimeUs}`,
    `out_time_ms=${outTimeUs}`,
    'out_time=00:00:04.000000',
    'dup_frames=0',
    'drop_frames=0',
    `speed=${speed}`,
    `progress=${progress}`,
  ];
}

function feed(parser: ProgressParser, lines: string[]) {
  return lines.map((line) => parser.push(line)).filter((sample) => sample !== null);
}

describe('ProgressParser: ffmpeg -progress blocks', () => {
  it('answers one sample per block, when the block ends', () => {
    const parser = new ProgressParser();
    const lines = block('4000000', '2.01x');
    expect(lines.slice(0, -1).map((line) => parser.push(line))).toEqual(Array(lines.length - 1).fill(null));
    expect(parser.push(lines.at(-1)!)).toEqual({ processedMs: 4000, speed: 2.01, done: false });
  });

  it('says done on progress=end', () => {
    const samples = feed(new ProgressParser(), [
      ...block('1000000', '   1x'),
      ...block('3000000', '1.6x', 'end'),
    ]);
    expect(samples).toEqual([
      { processedMs: 1000, speed: 1, done: false },
      { processedMs: 3000, speed: 1.6, done: true },
    ]);
  });

  it('reads N/A speed and the negative time before the first frame as unknown and zero', () => {
    const samples = feed(new ProgressParser(), block('-23220', 'N/A'));
    expect(samples).toEqual([{ processedMs: 0, speed: null, done: false }]);
  });

  it('falls back to out_time when out_time_us is N/A', () => {
    const lines = block('N/A', '1x').filter((line) => !line.startsWith('out_time_ms'));
    expect(feed(new ProgressParser(), lines)).toEqual([{ processedMs: 4000, speed: 1, done: false }]);
  });

  it('ignores log lines mixed into the same stream', () => {
    const parser = new ProgressParser();
    const lines = [
      "Input #0, lavfi, from 'testsrc2':",
      '  Duration: N/A, start: 0.000000, bitrate: N/A',
      '[libx264 @ 0x55d] using cpu capabilities: MMX2 SSE2Fast',
      ...block('500000', '0.5x'),
    ];
    expect(feed(parser, lines)).toEqual([{ processedMs: 500, speed: 0.5, done: false }]);
  });
});

describe('parseStatsLine: the stderr stats line', () => {
  it('reads time and speed', () => {
    const line =
      'frame=  120 fps= 60 q=28.0 size=     512kB time=00:01:04.50 bitrate=1048.6kbits/s speed=2.01x';
    expect(parseStatsLine(line)).toEqual({ processedMs: 64_500, speed: 2.01, done: false });
    expect(new ProgressParser().push(line)).toEqual({ processedMs: 64_500, speed: 2.01, done: false });
  });

  it('reads speed=N/A and an audio-only line', () => {
    expect(parseStatsLine('size=      0kB time=00:00:00.00 bitrate=N/A speed=N/A')).toEqual({
      processedMs: 0,
      speed: null,
      done: false,
    });
    expect(parseStatsLine('size=  235kB time=01:02:03.04 bitrate= 128.0kbits/s speed=  41x')).toMatchObject({
      processedMs: 3_723_040,
      speed: 41,
    });
  });

  it('answers null for other lines', () => {
    expect(parseStatsLine('Stream mapping:')).toBeNull();
    expect(parseStatsLine('  Stream #0:0 -> #0:0 (wrapped_avframe (native) -> h264 (libx264))')).toBeNull();
  });

  it('parses clocks and speeds', () => {
    expect(parseClock('00:00:01.5')).toBe(1500);
    expect(parseClock('-00:00:00.02')).toBe(-20);
    expect(parseClock('N/A')).toBeNull();
    expect(parseSpeed('0x')).toBeNull();
    expect(parseSpeed('1.02e+03x')).toBe(1020);
  });
});

describe('progressOf: the bar and the time left', () => {
  it('takes time left from the speed: media left ÷ speed', () => {
    const update = progressOf(
      { processedMs: 20_000, speed: 2, done: false },
      { totalMs: 60_000, elapsedMs: 10_000 },
    );
    expect(update).toEqual({ fraction: 1 / 3, processedMs: 20_000, speed: 2, etaMs: 20_000 });
  });

  it('takes time left from the pace so far when ffmpeg gives no speed', () => {
    const update = progressOf(
      { processedMs: 15_000, speed: null, done: false },
      { totalMs: 60_000, elapsedMs: 5_000 },
    );
    expect(update.fraction).toBe(0.25);
    expect(update.etaMs).toBe(15_000);
  });

  it('cannot tell the time left before anything is done', () => {
    const update = progressOf(
      { processedMs: 0, speed: null, done: false },
      { totalMs: 60_000, elapsedMs: 800 },
    );
    expect(update).toEqual({ fraction: 0, processedMs: 0, speed: null, etaMs: null });
  });

  it('clamps past the end (a stream a bit longer than the container said) to 1 with nothing left', () => {
    const update = progressOf(
      { processedMs: 61_000, speed: 3, done: false },
      { totalMs: 60_000, elapsedMs: 20_000 },
    );
    expect(update.fraction).toBe(1);
    expect(update.etaMs).toBe(0);
  });

  it('with an unknown length: no fraction and no time left, but the processed time and speed', () => {
    for (const totalMs of [null, 0]) {
      const update = progressOf(
        { processedMs: 9_000, speed: 1.5, done: false },
        { totalMs, elapsedMs: 6_000 },
      );
      expect(update).toEqual({ fraction: 0, processedMs: 9_000, speed: 1.5, etaMs: null });
    }
  });

  it('is complete once ffmpeg says end, whatever the length said', () => {
    const update = progressOf(
      { processedMs: 59_960, speed: 2, done: true },
      { totalMs: 60_000, elapsedMs: 30_000 },
    );
    expect(update).toEqual({ fraction: 1, processedMs: 59_960, speed: 2, etaMs: 0 });
  });

  it('time left falls as the job goes at a steady pace', () => {
    const etas = [10_000, 20_000, 40_000, 50_000].map(
      (processedMs) =>
        progressOf({ processedMs, speed: 2, done: false }, { totalMs: 60_000, elapsedMs: processedMs / 2 })
          .etaMs!,
    );
    expect(etas).toEqual([25_000, 20_000, 10_000, 5_000]);
  });
});
