import { describe, expect, it } from 'vitest';
import {
  canGoLive,
  IDLE,
  isOnAir,
  nextLivePhase,
  PLAYED_TO_ITS_END,
  type LivePhase,
  type LivePhaseEvent,
} from './live-phase';

const AT = '2026-12-03T12:00:00.000Z';

function run(...events: LivePhaseEvent[]): LivePhase {
  return events.reduce(nextLivePhase, IDLE);
}

describe('the live session phase', () => {
  it('goes idle → starting → connecting → live → ending → stopped on a clean stream', () => {
    const seen = [
      { type: 'start-requested' },
      { type: 'encoder-started' },
      { type: 'publishing', at: AT },
      { type: 'end-requested' },
      { type: 'stopped' },
    ].reduce<LivePhase[]>(
      (phases, event) => [...phases, nextLivePhase(phases.at(-1) ?? IDLE, event as LivePhaseEvent)],
      [],
    );
    expect(seen.map((phase) => phase.state)).toEqual(['starting', 'connecting', 'live', 'ending', 'stopped']);
  });

  it('reconnects after a drop and goes back live without the creator doing anything', () => {
    const dropped = run(
      { type: 'start-requested' },
      { type: 'encoder-started' },
      { type: 'publishing', at: AT },
      { type: 'dropped', attempt: 1, reason: 'connection reset' },
      { type: 'dropped', attempt: 2, reason: 'connection refused' },
    );
    expect(dropped).toEqual({ state: 'reconnecting', attempt: 2, reason: 'connection refused' });
    expect(isOnAir(dropped)).toBe(true);
    expect(nextLivePhase(dropped, { type: 'publishing', at: AT })).toEqual({ state: 'live', since: AT });
  });

  it('never puts an ending session back on air from a late encoder report', () => {
    const ending = run(
      { type: 'start-requested' },
      { type: 'encoder-started' },
      { type: 'publishing', at: AT },
      { type: 'end-requested' },
    );
    expect(nextLivePhase(ending, { type: 'publishing', at: AT })).toBe(ending);
    expect(nextLivePhase(ending, { type: 'dropped', attempt: 1, reason: 'x' })).toBe(ending);
  });

  it('refuses a second Go live while on air, and allows one after a stop or a failure', () => {
    const live = run(
      { type: 'start-requested' },
      { type: 'encoder-started' },
      { type: 'publishing', at: AT },
    );
    expect(canGoLive(live)).toBe(false);
    expect(nextLivePhase(live, { type: 'start-requested' })).toBe(live);
    const failed = nextLivePhase(live, { type: 'failed', reason: 'the server refused the key' });
    expect(failed).toEqual({ state: 'failed', reason: 'the server refused the key' });
    expect(canGoLive(failed)).toBe(true);
    expect(nextLivePhase(failed, { type: 'start-requested' }).state).toBe('starting');
  });

  it('keeps a stopped session stopped when a straggling failure or drop arrives', () => {
    const stopped = run({ type: 'start-requested' }, { type: 'end-requested' }, { type: 'stopped' });
    expect(stopped.state).toBe('stopped');
    expect(nextLivePhase(stopped, { type: 'failed', reason: 'late' })).toBe(stopped);
    expect(nextLivePhase(stopped, { type: 'dropped', attempt: 3, reason: 'late' })).toBe(stopped);
  });

  it('lets a failed session be ended, so the stream does not stay open on the server', () => {
    const failed = run({ type: 'start-requested' }, { type: 'failed', reason: 'encoder gave up' });
    const ending = nextLivePhase(failed, { type: 'end-requested' });
    expect(ending.state).toBe('ending');
    expect(nextLivePhase(ending, { type: 'stopped' }).state).toBe('stopped');
  });

  it('fails while starting when the server will not give a key', () => {
    expect(run({ type: 'start-requested' }, { type: 'failed', reason: 'offline' })).toEqual({
      state: 'failed',
      reason: 'offline',
    });
  });

  it('ends a stream whose video played to its end as a stop, saying why, and allows the next Go live', () => {
    const live = run(
      { type: 'start-requested' },
      { type: 'encoder-started' },
      { type: 'publishing', at: AT },
    );
    const ending = nextLivePhase(live, { type: 'finished' });
    expect(ending).toEqual({ state: 'ending', reason: 'The video has played to its end' });
    expect(isOnAir(ending)).toBe(false);
    const stopped = nextLivePhase(ending, { type: 'stopped' });
    expect(stopped).toEqual({ state: 'stopped', reason: PLAYED_TO_ITS_END });
    expect(canGoLive(stopped)).toBe(true);
    // From a reconnect too: the file ran out while the connection was being made again.
    const reconnecting = nextLivePhase(live, { type: 'dropped', attempt: 1, reason: 'connection reset' });
    expect(nextLivePhase(reconnecting, { type: 'finished' })).toEqual(ending);
  });

  it("gives no reason for the creator's own End, and keeps it when the video ends meanwhile", () => {
    const ending = run(
      { type: 'start-requested' },
      { type: 'encoder-started' },
      { type: 'publishing', at: AT },
      { type: 'end-requested' },
    );
    expect(ending).toEqual({ state: 'ending', reason: null });
    expect(nextLivePhase(ending, { type: 'finished' })).toBe(ending);
    expect(nextLivePhase(ending, { type: 'stopped' })).toEqual({ state: 'stopped', reason: null });
  });

  it('ignores the end of a video when no push is under way', () => {
    const stopped = run({ type: 'start-requested' }, { type: 'end-requested' }, { type: 'stopped' });
    const failed = run({ type: 'start-requested' }, { type: 'failed', reason: 'encoder gave up' });
    for (const phase of [IDLE, stopped, failed]) {
      expect(nextLivePhase(phase, { type: 'finished' })).toBe(phase);
    }
  });
});
