import { z } from 'zod';
import type { Clock } from '@shared/domain/clock';
import { LIVE_RECONNECT_GRACE_MS, type StreamStatus } from '@shared/domain/live/stream';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema';
import { logFailure } from '../../../logging/error-log';
import type { ClaimedJob, JobContext, JobHandler, ScheduledJobRepository } from '../../scheduler';
import type { ChangeFeed } from '../../sync/change-feed';
import type { LiveRelay, RelayEvents } from '../live-relay';
import type { StreamAnnouncer } from './stream-announcer';
import { appendStream } from './stream-feed';
import type { StreamKeyRepository } from './stream-key-repository';
import type { StreamRepository, StreamRow } from './stream-repository';

/** The job that ends a live stream whose publisher has been gone for `LIVE_RECONNECT_GRACE_MS`. */
export const END_IF_GONE_JOB = 'live.stream.end-if-gone';
const endIfGonePayload = z.object({ streamId: z.uuid(), goneSince: z.iso.datetime() });

export interface StreamLifecycleDeps {
  readonly db: Kysely<Database>;
  readonly streams: StreamRepository;
  readonly keys: StreamKeyRepository;
  readonly jobs: ScheduledJobRepository;
  readonly announcer: StreamAnnouncer;
  /** Every change here bumps the stream's version, so each is appended to its creator's feed too. */
  readonly feed: ChangeFeed;
  readonly relay: LiveRelay | null;
  readonly clock: Clock;
}

/**
 * A stream's life as the relay reports it: the first publish makes it live, a publisher going away leaves it
 * live (the encoder reconnects by itself) until the grace job ends it, and a publisher coming back within the
 * grace resumes it. Ending (by the creator, or by the job) and cancelling go through `finish` too, so the key
 * is revoked, the publisher cut and everyone told in one way.
 */
export class StreamLifecycle {
  /** Each stream's relay events run one after the other, in the order they came (a drop, then the reconnect). */
  readonly #queues = new Map<string, Promise<void>>();

  constructor(private readonly deps: StreamLifecycleDeps) {}

  /**
   * The relay's reports. node-media-server calls them synchronously: the database work runs in the
   * background, its failure logged, never thrown back into the relay.
   */
  readonly relayEvents: RelayEvents = {
    publishStarted: (streamId) =>
      this.#enqueue(streamId, 'publish started', () => this.#publishStarted(streamId)),
    publishEnded: (streamId) => this.#enqueue(streamId, 'publish ended', () => this.#publishEnded(streamId)),
  };

  jobHandlers(): Record<string, JobHandler> {
    return { [END_IF_GONE_JOB]: (job, ctx) => this.#endIfGone(job, ctx) };
  }

  /** Resolves once every relay event reported so far has been handled (tests, and a clean shutdown). */
  async idle(): Promise<void> {
    while (this.#queues.size > 0) await Promise.all(this.#queues.values());
  }

  /**
   * Ends (`ended`) or cancels a stream inside the caller's transaction: its key revoked, no publisher. The
   * caller calls `announceFinished` with the answer once the transaction committed.
   */
  async finish(
    trx: Transaction<Database>,
    row: StreamRow,
    status: Extract<StreamStatus, 'ended' | 'cancelled'>,
    endedAt: Date,
  ): Promise<StreamRow> {
    const now = this.deps.clock.now();
    await this.deps.keys.revoke(trx, row.id, now);
    return this.deps.streams.update(trx, row.id, {
      status,
      ended_at: endedAt,
      publishing: false,
      updated_at: now,
    });
  }

  /** After `finish` committed: the publisher is cut here, other instances and the chat are told. */
  announceFinished(row: StreamRow): void {
    this.deps.relay?.disconnectPublisher(row.id);
    this.deps.announcer.keysChanged(row.id);
    this.deps.announcer.status(row);
  }

  #enqueue(streamId: string, what: string, work: () => Promise<void>): void {
    const previous = this.#queues.get(streamId) ?? Promise.resolve();
    const next = previous
      .then(work)
      .catch((error: unknown) => logFailure(`live stream ${streamId}: ${what}`, error))
      .finally(() => {
        if (this.#queues.get(streamId) === next) this.#queues.delete(streamId);
      });
    this.#queues.set(streamId, next);
  }

  /** Live from the first publish (its start kept from then on); back from a drop, it resumes as it was. */
  async #publishStarted(streamId: string): Promise<void> {
    const { db, streams, clock } = this.deps;
    const outcome = await db.transaction().execute(async (trx) => {
      const row = await streams.lock(trx, streamId);
      if (!row) return null;
      const now = clock.now();
      if (row.status === 'scheduled') {
        return this.#appended(
          trx,
          await streams.update(trx, row.id, {
            status: 'live',
            started_at: row.started_at ?? now,
            publishing: true,
            ended_at: null,
            updated_at: now,
          }),
        );
      }
      if (row.status === 'live' && !row.publishing) {
        return this.#appended(
          trx,
          await streams.update(trx, row.id, { publishing: true, ended_at: null, updated_at: now }),
        );
      }
      if (row.status === 'live') return null; // the same publisher reported twice
      return 'over' as const;
    });
    // A publisher of a stream that is over got in on a key the relay had not yet dropped: cut it.
    if (outcome === 'over') this.deps.relay?.disconnectPublisher(streamId);
    else if (outcome) {
      this.#announceSeq(outcome);
      this.deps.announcer.status(outcome.row);
    }
  }

  /**
   * The publisher went away: the stream stays live, and a job ends it after the grace unless the publisher
   * is back by then. `ended_at` keeps the moment it went away, which names this drop for the job.
   */
  async #publishEnded(streamId: string): Promise<void> {
    const { db, streams, jobs, clock } = this.deps;
    const outcome = await db.transaction().execute(async (trx) => {
      const row = await streams.lock(trx, streamId);
      if (!row || row.status !== 'live' || !row.publishing) return null;
      const now = clock.now();
      const changed = await this.#appended(
        trx,
        await streams.update(trx, row.id, { publishing: false, ended_at: now, updated_at: now }),
      );
      const goneSince = now.toISOString();
      await jobs.schedule(trx, {
        kind: END_IF_GONE_JOB,
        key: `${END_IF_GONE_JOB}:${row.id}:${goneSince}`,
        payload: { streamId: row.id, goneSince },
        runAt: new Date(now.getTime() + LIVE_RECONNECT_GRACE_MS),
      });
      return changed;
    });
    if (outcome) {
      this.#announceSeq(outcome);
      this.deps.announcer.status(outcome.row);
    }
  }

  /**
   * Ends the stream when its publisher is still gone since the drop this job was scheduled for. A publisher
   * that came back (and maybe went away again: a later drop has its own job), an end by the creator, or this
   * job running twice, change nothing.
   */
  async #endIfGone(job: ClaimedJob, _ctx: JobContext): Promise<void> {
    const payload = endIfGonePayload.parse(job.payload);
    const ended = await this.deps.db.transaction().execute(async (trx) => {
      const row = await this.deps.streams.lock(trx, payload.streamId);
      if (
        !row ||
        row.status !== 'live' ||
        row.publishing ||
        row.ended_at?.toISOString() !== payload.goneSince
      ) {
        return null;
      }
      // It ended when its publisher left, not when the grace ran out.
      return this.#appended(trx, await this.finish(trx, row, 'ended', row.ended_at));
    });
    if (ended) {
      this.#announceSeq(ended);
      this.announceFinished(ended.row);
    }
  }

  async #appended(
    trx: Transaction<Database>,
    row: StreamRow,
  ): Promise<{ readonly row: StreamRow; readonly seq: number }> {
    return { row, seq: await appendStream(this.deps.feed, trx, row, null) };
  }

  #announceSeq(outcome: { readonly row: StreamRow; readonly seq: number }): void {
    this.deps.feed.announce(outcome.row.creator_id, outcome.seq);
  }
}
