import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlaybackEngine, PlaybackSupport } from './playback-engine';
import {
  type EngineStart,
  type PlaybackGrant,
  type PlaybackPhase,
  PlaybackSession,
  type PlaybackSessionDeps,
} from './playback-session';
import { RECONNECT_MAX_MS } from './reconnect-backoff';

const EVERYTHING: PlaybackSupport = { flv: true, hlsJs: true, nativeHls: false };

/** A stand-in for the server's `live.watch`: each call grants a new token valid for five minutes. */
class Grants {
  issued = 0;
  refuse = false;
  fail = false;
  grant(): PlaybackGrant {
    this.issued++;
    const token = `token-${this.issued}`;
    return {
      flvUrl: `http://relay/live/s.flv?token=${token}`,
      hlsUrl: `http://mesi/live/hls/${token}/s/index.m3u8`,
      token,
      expiresAt: new Date(Date.now() + 5 * 60_000).toISOString(),
    };
  }
}

/** Records each engine start, so a test can make it play or fail as a real one would. */
class Engines {
  readonly starts: EngineStart[] = [];
  readonly stopped: number[] = [];
  start = (start: EngineStart) => {
    const index = this.starts.push(start) - 1;
    return { stop: () => void this.stopped.push(index) };
  };
  get last(): EngineStart {
    const last = this.starts.at(-1);
    if (!last) throw new Error('no engine started');
    return last;
  }
}

function session(support = EVERYTHING, publishing = { now: true }) {
  const grants = new Grants();
  const engines = new Engines();
  const phases: [PlaybackPhase, PlaybackEngine | null][] = [];
  let held: PlaybackGrant | null = grants.grant();
  const deps: PlaybackSessionDeps = {
    support,
    startEngine: engines.start,
    currentGrant: () => held,
    renew: () => {
      if (grants.fail) return Promise.reject(new Error('offline'));
      held = grants.refuse ? null : grants.grant();
      return Promise.resolve(held);
    },
    onPhase: (phase, engine) => phases.push([phase, engine]),
    isPublishing: () => publishing.now,
    now: () => Date.now(),
    setTimer: (run, ms) => setTimeout(run, ms),
    clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
    random: () => 1,
  };
  return { player: new PlaybackSession(deps), grants, engines, phases };
}

beforeEach(() => vi.useFakeTimers({ now: Date.parse('2026-12-03T12:00:00Z') }));
afterEach(() => vi.useRealTimers());

describe('PlaybackSession', () => {
  it('starts on FLV with the grant the page holds, and says when it plays', async () => {
    const { player, engines, phases, grants } = session();
    player.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(engines.last.engine).toBe('flv');
    expect(engines.last.grant.token).toBe('token-1');
    expect(grants.issued).toBe(1);
    engines.last.callbacks.onPlaying();
    expect(phases).toEqual([
      ['connecting', 'flv'],
      ['playing', 'flv'],
    ]);
  });

  it('reconnects by itself after the stream drops, with a fresh token, and plays again', async () => {
    const { player, engines, phases } = session();
    player.start();
    await vi.advanceTimersByTimeAsync(0);
    engines.last.callbacks.onPlaying();
    engines.last.callbacks.onFailure('network');
    expect(phases.at(-1)).toEqual(['reconnecting', 'flv']);
    expect(engines.stopped).toEqual([0]);
    await vi.advanceTimersByTimeAsync(500);
    expect(engines.starts).toHaveLength(2);
    expect(engines.last.grant.token).toBe('token-2');
    engines.last.callbacks.onPlaying();
    expect(phases.at(-1)).toEqual(['playing', 'flv']);
  });

  it('keeps trying while the server is away, waiting longer each time up to the cap, never giving up', async () => {
    const { player, engines, grants } = session();
    player.start();
    await vi.advanceTimersByTimeAsync(0);
    engines.last.callbacks.onPlaying();
    grants.fail = true;
    engines.last.callbacks.onFailure('network');
    // With the server down, every attempt fails to renew; the waits double: 0.5, 1, 2, 4, 8, 10, 10 s...
    await vi.advanceTimersByTimeAsync(0.5e3 + 1e3 + 2e3 + 4e3 + 8e3 + 5 * RECONNECT_MAX_MS);
    expect(engines.starts).toHaveLength(1);
    grants.fail = false;
    await vi.advanceTimersByTimeAsync(RECONNECT_MAX_MS);
    expect(engines.starts).toHaveLength(2);
  });

  it('moves to HLS when FLV keeps failing before a single frame, and stays there', async () => {
    const { player, engines, phases } = session();
    player.start();
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 3; i++) {
      engines.last.callbacks.onFailure('network');
      await vi.advanceTimersByTimeAsync(RECONNECT_MAX_MS);
    }
    expect(engines.starts.map((s) => s.engine)).toEqual(['flv', 'flv', 'flv', 'hls.js']);
    expect(phases.at(-1)).toEqual(['reconnecting', 'hls.js']);
  });

  it('moves to HLS at once when the browser cannot decode the FLV stream', async () => {
    const { player, engines } = session();
    player.start();
    await vi.advanceTimersByTimeAsync(0);
    engines.last.callbacks.onFailure('media');
    await vi.advanceTimersByTimeAsync(RECONNECT_MAX_MS);
    expect(engines.last.engine).toBe('hls.js');
  });

  it('renews the token a minute before it expires, without restarting the player', async () => {
    const { player, engines } = session();
    player.start();
    await vi.advanceTimersByTimeAsync(0);
    engines.last.callbacks.onPlaying();
    const { currentToken } = engines.last;
    expect(currentToken()).toBe('token-1');
    await vi.advanceTimersByTimeAsync(4 * 60_000);
    expect(currentToken()).toBe('token-2');
    await vi.advanceTimersByTimeAsync(4 * 60_000);
    expect(currentToken()).toBe('token-3');
    expect(engines.starts).toHaveLength(1);
  });

  it('ignores what a stopped engine reports late', async () => {
    const { player, engines, phases } = session();
    player.start();
    await vi.advanceTimersByTimeAsync(0);
    const first = engines.last;
    first.callbacks.onFailure('network');
    first.callbacks.onFailure('network');
    await vi.advanceTimersByTimeAsync(RECONNECT_MAX_MS);
    first.callbacks.onFailure('network');
    first.callbacks.onPlaying();
    expect(engines.starts).toHaveLength(2);
    expect(phases.filter(([phase]) => phase === 'reconnecting')).toHaveLength(1);
    expect(phases.at(-1)?.[0]).toBe('reconnecting');
  });

  it('stops everything when the page stops it: no timer starts another engine', async () => {
    const { player, engines, grants } = session();
    player.start();
    await vi.advanceTimersByTimeAsync(0);
    engines.last.callbacks.onFailure('network');
    player.stop();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(engines.starts).toHaveLength(1);
    expect(grants.issued).toBe(1);
  });

  it('says so when the browser plays neither FLV nor HLS', () => {
    const { player, engines, phases } = session({ flv: false, hlsJs: false, nativeHls: false });
    player.start();
    expect(phases).toEqual([['unsupported', null]]);
    expect(engines.starts).toHaveLength(0);
  });

  it('waits and asks again when the server grants nothing (the page then shows why)', async () => {
    const { player, engines, grants } = session();
    grants.refuse = true;
    player.start();
    await vi.advanceTimersByTimeAsync(0);
    engines.last.callbacks.onFailure('network');
    await vi.advanceTimersByTimeAsync(3 * RECONNECT_MAX_MS);
    expect(engines.starts).toHaveLength(1);
    grants.refuse = false;
    await vi.advanceTimersByTimeAsync(RECONNECT_MAX_MS);
    expect(engines.starts).toHaveLength(2);
  });

  it('stays on FLV through a server restart: attempts that could not get a token say nothing about FLV', async () => {
    const { player, engines, grants } = session();
    player.start();
    await vi.advanceTimersByTimeAsync(0);
    engines.last.callbacks.onPlaying();
    grants.fail = true;
    engines.last.callbacks.onFailure('network');
    await vi.advanceTimersByTimeAsync(10 * RECONNECT_MAX_MS);
    grants.fail = false;
    await vi.advanceTimersByTimeAsync(RECONNECT_MAX_MS);
    expect(engines.starts.map((s) => s.engine)).toEqual(['flv', 'flv']);
  });

  it('stays on FLV while the creator is away: failures without a publisher say nothing about FLV', async () => {
    const publishing = { now: true };
    const { player, engines } = session(EVERYTHING, publishing);
    player.start();
    await vi.advanceTimersByTimeAsync(0);
    engines.last.callbacks.onPlaying();
    publishing.now = false;
    for (let i = 0; i < 6; i++) {
      engines.last.callbacks.onFailure('network');
      await vi.advanceTimersByTimeAsync(RECONNECT_MAX_MS);
    }
    expect(new Set(engines.starts.map((s) => s.engine))).toEqual(new Set(['flv']));
    publishing.now = true;
    engines.last.callbacks.onPlaying();
    expect(engines.last.engine).toBe('flv');
  });
});
