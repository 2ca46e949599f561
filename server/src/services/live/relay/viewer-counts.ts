import type { Clock } from '@shared/domain/clock';

/** An HLS player fetches its playlist every second or so: a token not seen for this long has stopped watching. */
const HLS_READER_WINDOW_MS = 10_000;
/** Forgotten readers are swept out after this many reads, so the map stays the size of the audience. */
const SWEEP_EVERY = 1_000;

/**
 * Who watches each stream on this instance: HTTP-FLV (and RTMP) players while connected, and HLS readers as the
 * distinct playback tokens that fetched the stream's files within the last ten seconds.
 */
export class ViewerCounts {
  readonly #players = new Map<string, number>();
  readonly #hlsReaders = new Map<string, Map<string, number>>();
  #reads = 0;

  constructor(private readonly clock: Clock) {}

  playerJoined(streamId: string): void {
    this.#players.set(streamId, (this.#players.get(streamId) ?? 0) + 1);
  }

  playerLeft(streamId: string): void {
    const left = (this.#players.get(streamId) ?? 0) - 1;
    if (left > 0) this.#players.set(streamId, left);
    else this.#players.delete(streamId);
  }

  hlsRead(streamId: string, token: string): void {
    let readers = this.#hlsReaders.get(streamId);
    if (!readers) {
      readers = new Map();
      this.#hlsReaders.set(streamId, readers);
    }
    readers.set(token, this.clock.now().getTime());
    if (++this.#reads % SWEEP_EVERY === 0) this.#sweep();
  }

  /** Viewers now, by stream (streams without any are left out). */
  counts(): ReadonlyMap<string, number> {
    this.#sweep();
    const counts = new Map(this.#players);
    for (const [streamId, readers] of this.#hlsReaders) {
      counts.set(streamId, (counts.get(streamId) ?? 0) + readers.size);
    }
    return counts;
  }

  #sweep(): void {
    const since = this.clock.now().getTime() - HLS_READER_WINDOW_MS;
    for (const [streamId, readers] of this.#hlsReaders) {
      for (const [token, seenAt] of readers) if (seenAt < since) readers.delete(token);
      if (readers.size === 0) this.#hlsReaders.delete(streamId);
    }
  }
}
