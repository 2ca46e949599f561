import {
  engineAfterFailure,
  firstEngine,
  type PlaybackEngine,
  type PlaybackFailureKind,
  type PlaybackSupport,
} from './playback-engine';
import { nextAttempt, reconnectDelay } from './reconnect-backoff';
import { isTokenSpent, tokenRenewalDelay } from './token-renewal';

/** What `live.watch` grants a viewer who may watch: where to play, and until when the token lets play start. */
export interface PlaybackGrant {
  readonly flvUrl: string;
  readonly hlsUrl: string;
  readonly token: string;
  /** ISO 8601. */
  readonly expiresAt: string;
}

/** Where the player is, as the page shows it. */
export type PlaybackPhase =
  /** Starting the first time. */
  | 'connecting'
  | 'playing'
  /** Lost the stream (it dropped, the server restarted, a token was refused) and is getting it back by itself. */
  | 'reconnecting'
  /** The browser can play neither FLV nor HLS. */
  | 'unsupported';

/** A running engine (mpegts.js, hls.js or the `<video>` element's own HLS) on one grant. */
export interface EngineHandle {
  stop(): void;
}

/** What an engine reports back; it calls each at most once per start (the session ignores repeats). */
export interface EngineCallbacks {
  /** Frames are being shown. */
  onPlaying(): void;
  onFailure(kind: PlaybackFailureKind): void;
}

export interface EngineStart {
  readonly engine: PlaybackEngine;
  readonly grant: PlaybackGrant;
  /** The freshest token at any moment (HLS asks for every segment with it). */
  readonly currentToken: () => string;
  readonly callbacks: EngineCallbacks;
}

export interface PlaybackSessionDeps {
  readonly support: PlaybackSupport;
  readonly startEngine: (start: EngineStart) => EngineHandle;
  /** The grant the page holds now (from `live.watch`), or null when it has none. */
  readonly currentGrant: () => PlaybackGrant | null;
  /** Asks `live.watch` again: a fresh grant, or null when the viewer may no longer watch (or it failed). */
  readonly renew: () => Promise<PlaybackGrant | null>;
  readonly onPhase: (phase: PlaybackPhase, engine: PlaybackEngine | null) => void;
  /**
   * Whether the creator's encoder is sending now. While it is not (or while no grant can be had: the server is
   * away), a failed attempt says nothing about the engine, so it never moves the player from FLV to HLS.
   */
  readonly isPublishing?: () => boolean;
  readonly now: () => number;
  readonly setTimer: (run: () => void, ms: number) => unknown;
  readonly clearTimer: (timer: unknown) => void;
  readonly random?: () => number;
}

/**
 * One live stream playing in one `<video>` until the page stops it: starts on the best engine, renews the
 * playback token before it expires, and after any failure renews the token and starts again with backoff,
 * moving from FLV to HLS when FLV cannot play here. It never gives up while the stream is live (the page stops
 * it when the stream ends or the viewer loses access), so a fan never has to reload.
 */
export class PlaybackSession {
  readonly #deps: PlaybackSessionDeps;
  #engine: PlaybackEngine | null;
  #handle: EngineHandle | null = null;
  /** Bumped at every start and stop, so that a stopped engine's late reports are ignored. */
  #generation = 0;
  #attempt = -1;
  #failuresWithoutPlaying = 0;
  #playingSince: number | null = null;
  #token = '';
  #retryTimer: unknown = null;
  #renewTimer: unknown = null;
  #stopped = false;

  constructor(deps: PlaybackSessionDeps) {
    this.#deps = deps;
    this.#engine = firstEngine(deps.support);
  }

  start(): void {
    if (this.#engine === null) {
      this.#deps.onPhase('unsupported', null);
      return;
    }
    this.#deps.onPhase('connecting', this.#engine);
    void this.#startEngine(false);
  }

  stop(): void {
    this.#stopped = true;
    this.#generation++;
    this.#deps.clearTimer(this.#retryTimer);
    this.#deps.clearTimer(this.#renewTimer);
    this.#handle?.stop();
    this.#handle = null;
  }

  async #startEngine(renewFirst: boolean): Promise<void> {
    const engine = this.#engine;
    if (this.#stopped || engine === null) return;
    const generation = ++this.#generation;
    const held = this.#deps.currentGrant();
    const grant =
      renewFirst || !held || isTokenSpent(held.expiresAt, this.#deps.now()) ? await this.#renew() : held;
    if (this.#stopped || generation !== this.#generation) return;
    if (!grant) {
      // No grant now (the server could not be reached, or the page is about to show a lock): try again later.
      this.#failed(generation, 'network', false);
      return;
    }
    this.#token = grant.token;
    this.#scheduleRenewal(grant);
    let reported = false;
    const once = (report: () => void) => () => {
      if (reported || generation !== this.#generation) return;
      reported = true;
      report();
    };
    const onPlaying = () => {
      if (generation !== this.#generation) return;
      this.#playingSince = this.#deps.now();
      this.#failuresWithoutPlaying = 0;
      this.#deps.onPhase('playing', engine);
    };
    this.#handle = this.#deps.startEngine({
      engine,
      grant,
      currentToken: () => this.#token,
      callbacks: {
        onPlaying,
        onFailure: (kind) => once(() => this.#failed(generation, kind))(),
      },
    });
  }

  #failed(generation: number, kind: PlaybackFailureKind, engineTried = true): void {
    if (this.#stopped || generation !== this.#generation || this.#engine === null) return;
    this.#generation++;
    this.#handle?.stop();
    this.#handle = null;
    const now = this.#deps.now();
    const played = this.#playingSince !== null;
    this.#attempt = nextAttempt(this.#attempt, this.#playingSince, now);
    this.#playingSince = null;
    const countsAgainstEngine = engineTried && (this.#deps.isPublishing?.() ?? true);
    if (played) this.#failuresWithoutPlaying = 0;
    else if (countsAgainstEngine) this.#failuresWithoutPlaying++;
    const next = engineAfterFailure({
      engine: this.#engine,
      // Nothing was learnt about the engine: retried as after a dropped connection.
      kind: countsAgainstEngine ? kind : 'network',
      failuresWithoutPlaying: this.#failuresWithoutPlaying,
      support: this.#deps.support,
    });
    if (next !== this.#engine) {
      this.#engine = next;
      this.#failuresWithoutPlaying = 0;
      this.#attempt = -1;
    }
    this.#deps.onPhase('reconnecting', this.#engine);
    this.#deps.clearTimer(this.#retryTimer);
    this.#retryTimer = this.#deps.setTimer(
      () => void this.#startEngine(true),
      reconnectDelay(Math.max(0, this.#attempt), this.#deps.random),
    );
  }

  #scheduleRenewal(grant: PlaybackGrant): void {
    this.#deps.clearTimer(this.#renewTimer);
    this.#renewTimer = this.#deps.setTimer(
      () => {
        void this.#renew().then((fresh) => {
          // Playing on goes on with the old token (FLV checked it when play started); a failed renewal is
          // tried again when the player next needs one.
          if (fresh && !this.#stopped) {
            this.#token = fresh.token;
            this.#scheduleRenewal(fresh);
          }
        });
      },
      tokenRenewalDelay(grant.expiresAt, this.#deps.now()),
    );
  }

  async #renew(): Promise<PlaybackGrant | null> {
    try {
      return await this.#deps.renew();
    } catch {
      return null;
    }
  }
}
