import { describe, expect, it } from 'vitest';
import { measureEncode, parseBenchLine } from './measure-encode';

describe('measuring an encode', () => {
  it("reads ffmpeg's -benchmark summary", () => {
    expect(
      parseBenchLine('frame=1\nbench: utime=1.234s stime=0.056s rtime=2.000s\nbench: maxrss=49188kB'),
    ).toEqual({
      userSeconds: 1.234,
      systemSeconds: 0.056,
      wallSeconds: 2,
    });
    expect(parseBenchLine('nothing here')).toBeNull();
  });

  it('measures the 480p30 preset with x264 on the test pattern: a realtime factor and the CPU it took', async () => {
    const measurement = await measureEncode({ preset: '480p30', seconds: 2, ffmpegPath: 'ffmpeg' });
    expect(measurement.realtimeFactor).toBeGreaterThan(0);
    expect(measurement.cpuCores).toBeGreaterThan(0);
    expect(measurement.cpuShare).toBeGreaterThan(0);
    expect(measurement.cpuShare).toBeLessThanOrEqual(1.05);
    expect(measurement.cpuCoresAtRealtime).toBeGreaterThan(0);
  });

  it('says in words when the encode cannot run', async () => {
    await expect(
      measureEncode({ preset: '480p30', seconds: 1, ffmpegPath: 'ffmpeg', encoder: 'h264_nvenc' }),
    ).rejects.toThrow(/^The 480p30 encode could not be measured: /);
  });
});
