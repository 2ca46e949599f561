import { describe, expect, it } from 'vitest';
import type { LiveStats } from '../../../main/studio/live/live-ports';
import { healthWarning, onAirFor, phaseWords, statFigures, tipWords } from './live-words';

const stats = (health: LiveStats['health']): LiveStats => ({
  fps: 29.97,
  bitrateKbps: 2480.4,
  droppedFrames: 3,
  duplicatedFrames: 0,
  speed: 0.92,
  cpuPercent: 143.2,
  health,
});

describe('the Live screen words', () => {
  it('counts time on air as a clock', () => {
    const now = new Date('2026-12-03T13:02:09.500Z');
    expect(onAirFor('2026-12-03T13:00:04.000Z', now)).toBe('2:05');
    expect(onAirFor('2026-12-03T12:00:00.000Z', now)).toBe('1:02:09');
  });

  it('says each phase, with the reconnect attempt and why', () => {
    const now = new Date('2026-12-03T13:00:10.000Z');
    expect(
      phaseWords({ state: 'reconnecting', attempt: 3, reason: 'The server is unreachable.' }, null, now),
    ).toBe('Connection lost: reconnecting (attempt 3). The server is unreachable.');
    expect(
      phaseWords({ state: 'live', since: '2026-12-03T13:00:05.000Z' }, '2026-12-03T13:00:00.000Z', now),
    ).toBe('Live for 0:10');
    expect(phaseWords({ state: 'failed', reason: 'ffmpeg exited' }, null, now)).toBe(
      'The stream stopped: ffmpeg exited',
    );
    // Ended by the creator, or by itself (a video from the vault played once, to its end).
    expect(phaseWords({ state: 'stopped', reason: null }, null, now)).toBe('The stream has ended');
    expect(phaseWords({ state: 'stopped', reason: 'The video has played to its end' }, null, now)).toBe(
      'The stream has ended: The video has played to its end',
    );
    expect(phaseWords({ state: 'ending', reason: 'The video has played to its end' }, null, now)).toBe(
      'The video has played to its end: ending the stream…',
    );
  });

  it('shows the figures, and dashes before ffmpeg reported any', () => {
    expect(statFigures(stats({ level: 'good', reason: null, realtimeFactor: 1 }))).toEqual([
      ['Frame rate', '30 fps'],
      ['Bitrate', '2,480 kbit/s'],
      ['Dropped frames', '3'],
      ['Speed', '0.92×'],
      ['CPU', '143 %'],
    ]);
    expect(statFigures(null).every(([, value]) => value === '—')).toBe(true);
  });

  it('warns in the encoder health words when it falls behind, and says nothing while it keeps up', () => {
    expect(healthWarning(stats({ level: 'good', reason: null, realtimeFactor: 1 }))).toBeNull();
    expect(
      healthWarning(
        stats({
          level: 'warning',
          reason: 'The encoder is falling behind: 0.90× realtime',
          realtimeFactor: 0.9,
        }),
      ),
    ).toEqual({ level: 'warning', text: 'The encoder is falling behind: 0.90× realtime' });
  });

  it('says a tip with its amount', () => {
    expect(tipWords('Ana', { currency: 'USD', amount: '500' })).toBe('Ana tipped $5.00');
    expect(tipWords('Ana', null)).toBe('Ana sent a tip');
  });
});
