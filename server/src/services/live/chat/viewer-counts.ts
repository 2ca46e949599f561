import { LIVE_VIEWERS_CHANNEL } from '@shared/domain/live/live-events';
import { newId } from '@shared/domain/ids';
import type { PubSub } from '../../../adapters/pubsub';
import type { LiveRelay } from '../live-relay';
import type { LiveFanout } from './live-fanout';

/** How often each instance tells the others its viewers, and how long such a report counts. */
export const VIEWER_REPORT_MS = 3_000;
export const VIEWER_REPORT_FRESH_MS = 10_000;

interface ViewerReport {
  readonly instance: string;
  readonly counts: Readonly<Record<string, number>>;
}

function isViewerReport(value: unknown): value is ViewerReport {
  const report = value as Partial<ViewerReport> | null;
  return (
    typeof report === 'object' &&
    report !== null &&
    typeof report.instance === 'string' &&
    typeof report.counts === 'object' &&
    report.counts !== null
  );
}

/** A count from another instance's report; anything but a whole, non-negative number counts as none. */
function countIn(counts: ViewerReport['counts'], streamId: string): number {
  const count = Object.hasOwn(counts, streamId) ? counts[streamId] : 0;
  return typeof count === 'number' && Number.isSafeInteger(count) && count > 0 ? count : 0;
}

/**
 * Viewers of each stream across instances. Each instance counts its own viewers per stream (the larger of
 * its live-event subscribers and the relay's players: a fan usually has both, the chat and the player, and
 * counts once) and reports them every few seconds on the pubsub; each sums the fresh reports and tells its
 * own subscribers when a stream's count changed.
 */
export class ViewerCounts {
  readonly #instance = newId();
  readonly #reports = new Map<string, { readonly counts: ViewerReport['counts']; readonly atMs: number }>();
  readonly #told = new Map<string, number>();
  #unsubscribe: (() => void) | null = null;
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: {
      readonly pubsub: PubSub;
      readonly fanout: LiveFanout;
      readonly relay: LiveRelay | null;
      readonly now?: () => number;
    },
  ) {}

  start(intervalMs = VIEWER_REPORT_MS): void {
    this.#unsubscribe ??= this.deps.pubsub.subscribe(LIVE_VIEWERS_CHANNEL, (message) => {
      if (isViewerReport(message) && message.instance !== this.#instance) {
        this.#reports.set(message.instance, { counts: message.counts, atMs: this.#now() });
      }
    });
    this.#timer ??= setInterval(() => this.tick(), intervalMs);
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  /** Reports this instance's counts, then tells local subscribers of every stream whose total changed. */
  tick(): void {
    const local = this.#localCounts();
    this.deps.pubsub.publish(LIVE_VIEWERS_CHANNEL, {
      instance: this.#instance,
      counts: Object.fromEntries(local),
    } satisfies ViewerReport);
    for (const streamId of this.deps.fanout.localCounts().keys()) {
      const count = this.countOf(streamId, local);
      if (this.#told.get(streamId) === count) continue;
      this.#told.set(streamId, count);
      this.deps.fanout.deliver(streamId, { type: 'viewers', streamId, count });
    }
    for (const streamId of this.#told.keys()) if (!local.has(streamId)) this.#told.delete(streamId);
  }

  /** Viewers of a stream now: this instance's, plus every other instance's fresh report. */
  countOf(streamId: string, local = this.#localCounts()): number {
    let total = local.get(streamId) ?? 0;
    const freshSince = this.#now() - VIEWER_REPORT_FRESH_MS;
    for (const [instance, report] of this.#reports) {
      if (report.atMs < freshSince) this.#reports.delete(instance);
      else total += countIn(report.counts, streamId);
    }
    return total;
  }

  #localCounts(): Map<string, number> {
    const counts = new Map(this.deps.fanout.localCounts());
    for (const [streamId, players] of this.deps.relay?.viewerCounts() ?? []) {
      counts.set(streamId, Math.max(counts.get(streamId) ?? 0, players));
    }
    return counts;
  }

  #now(): number {
    return this.deps.now?.() ?? Date.now();
  }
}
