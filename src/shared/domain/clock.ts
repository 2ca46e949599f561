/**
 * Where "now" comes from. Everything that runs at a time (renewals, grace periods, trial ends, later scheduled
 * posts and escrow releases) reads the clock it was given, so tests move time forward instead of sleeping.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until told to move: for tests and benchmarks. */
export class ManualClock implements Clock {
  #ms: number;

  constructor(start: Date | string = '2026-01-01T00:00:00.000Z') {
    this.#ms = new Date(start).getTime();
    if (Number.isNaN(this.#ms)) throw new RangeError(`not a date: ${String(start)}`);
  }

  now(): Date {
    return new Date(this.#ms);
  }

  /** Moves forward by `ms` (never back: time that went backwards would run jobs twice in real life). */
  advance(ms: number): Date {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('a clock only moves forward');
    this.#ms += ms;
    return this.now();
  }

  /** Moves forward to `at` (no-op when already there or past it). */
  advanceTo(at: Date): Date {
    this.#ms = Math.max(this.#ms, at.getTime());
    return this.now();
  }
}
