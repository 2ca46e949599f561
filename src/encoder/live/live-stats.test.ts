import { describe, expect, it } from 'vitest';
import { cpuSecondsFromProcStat, ProcessCpuMeter, ProgressBlockReader } from './live-stats';

describe('live stats from ffmpeg -progress', () => {
  it('reads a block as ffmpeg 5 writes it through the tee (no size, no bitrate)', () => {
    const reader = new ProgressBlockReader();
    const lines = [
      'frame=131',
      'fps=29.74',
      'stream_0_0_q=25.0',
      'bitrate=N/A',
      'total_size=N/A',
      'out_time_us=4416000',
      'out_time_ms=4416000',
      'out_time=00:00:04.416000',
      'dup_frames=2',
      'drop_frames=1',
      'speed=   1x',
    ];
    for (const line of lines) expect(reader.push(line)).toBeNull();
    expect(reader.push('progress=continue')).toEqual({
      frames: 131,
      fps: 29.74,
      bitrateKbps: null,
      totalBytes: null,
      outTimeMs: 4416,
      droppedFrames: 1,
      duplicatedFrames: 2,
      speed: 1,
    });
  });

  it('reads the size and bitrate when ffmpeg knows them, and ignores log lines', () => {
    const reader = new ProgressBlockReader();
    reader.push('[flv @ 0x1] Failed to update header with correct duration.');
    for (const line of [
      'bitrate=1187.3kbits/s',
      'total_size=524288',
      'out_time=00:00:03.500000',
      'speed=0.98x',
    ])
      reader.push(line);
    expect(reader.push('progress=continue')).toMatchObject({
      bitrateKbps: 1187.3,
      totalBytes: 524288,
      outTimeMs: 3500,
      speed: 0.98,
      frames: null,
      droppedFrames: 0,
    });
  });

  it('reads CPU seconds from /proc/<pid>/stat even when the command name holds spaces and parentheses', () => {
    const stat = '4242 (ffmpeg (live) x) S 1 4242 4242 0 -1 4194304 1523 0 0 0 250 30 0 0 20 0 3 0 12345';
    expect(cpuSecondsFromProcStat(stat)).toBe(2.8);
  });

  it('measures this process on Linux between reads, and says nothing elsewhere', () => {
    const meter = new ProcessCpuMeter(process.pid, 'linux');
    expect(meter.read(0)).toBeNull();
    const second = meter.read(1000);
    expect(second).not.toBeNull();
    expect(second).toBeGreaterThanOrEqual(0);
    expect(new ProcessCpuMeter(process.pid, 'darwin').read()).toBeNull();
  });
});
