import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '@shared/domain/clock';
import {
  ConflictError,
  InvalidStateError,
  NotFoundError,
  PermissionDeniedError,
  UnavailableError,
  ValidationError,
} from '@shared/domain/errors';
import { assertTicketFitsRule, STREAM_KEY_TTL_MS, type StreamDraft } from '@shared/domain/live/stream';
import { acceptsPublisher, isEditable, transitionIssue } from '@shared/domain/live/stream-lifecycle';
import { StaleVersionError } from '@shared/domain/sync/kind';
import type { Database } from '../../../db/schema';
import type { Queryable } from '../../../db/queryable';
import type { ActingForPolicy } from '../../access/acting-for';
import type { AccountView } from '../../accounts/account-service';
import type { ChangeFeed } from '../../sync/change-feed';
import type { LiveRelay } from '../live-relay';
import { newIngestKey } from './ingest-key';
import type { StreamAnnouncer } from './stream-announcer';
import { appendStream, toStreamSnapshot } from './stream-feed';
import type { StreamKeyRepository } from './stream-key-repository';
import type { StreamLifecycle } from './stream-lifecycle';
import type { StreamRepository, StreamRow } from './stream-repository';
import { toStreamView, type StreamView } from './stream-views';

export interface StreamServiceDeps {
  readonly db: Kysely<Database>;
  readonly streams: StreamRepository;
  readonly keys: StreamKeyRepository;
  readonly lifecycle: StreamLifecycle;
  readonly announcer: StreamAnnouncer;
  readonly actingFor: ActingForPolicy;
  readonly feed: ChangeFeed;
  readonly relay: LiveRelay | null;
  readonly clock: Clock;
}

/** A stream after a change, the seq it appended to its creator's feed (null: nothing changed), and whether it was finished. */
export interface StreamOutcome {
  readonly row: StreamRow;
  readonly seq: number | null;
  /** It was cancelled by this change: `lifecycle.announceFinished` is due once committed. */
  readonly finished: boolean;
}

/** What `goLive` answers: the ingest key, shown this once (only its hash is kept), and where to push. */
export interface IngestAccess {
  readonly key: string;
  readonly ingestUrl: string;
  /** ISO 8601: the key stops working then (going live again issues a new one). */
  readonly expiresAt: string;
}

/** The most streams `mine` answers with. */
export const STREAMS_LISTED = 200;

const NOT_FOUND = 'No such stream';
const NO_RELAY =
  'This server runs no live relay, so it cannot take a stream; ask its operator to enable live streaming';

/**
 * A creator's streams, as they (or whoever acts for them in `live`) manage them: schedule, edit, cancel, go live
 * (an ingest key) and end. Going live only hands out a key: the stream is live once the relay reports its
 * publisher (`StreamLifecycle`).
 */
export class StreamService {
  constructor(private readonly deps: StreamServiceDeps) {}

  /** Schedules a stream (planned for `scheduledFor`, or whenever its creator goes live). */
  async create(
    actor: AccountView,
    creatorId: string,
    streamId: string,
    draft: StreamDraft,
  ): Promise<StreamView> {
    await this.deps.actingFor.assertMayActFor(actor, creatorId, 'live');
    return this.#run(creatorId, (trx) => this.createIn(trx, creatorId, streamId, draft, null));
  }

  /**
   * Changes a scheduled or live stream's title, access, ticket price and (before it goes live) planned time,
   * if it is still at `baseVersion` (the version the web read).
   */
  async update(
    actor: AccountView,
    creatorId: string,
    streamId: string,
    baseVersion: number,
    draft: StreamDraft,
  ): Promise<StreamView> {
    await this.deps.actingFor.assertMayActFor(actor, creatorId, 'live');
    try {
      return await this.#run(creatorId, (trx) =>
        this.updateIn(trx, creatorId, streamId, draft, baseVersion, null),
      );
    } catch (error) {
      // The web shows its own words; the studio's sync hands the server's copy back as a conflict.
      if (error instanceof StaleVersionError) {
        throw new ConflictError('This stream changed since you opened it; reload it and try again');
      }
      throw error;
    }
  }

  // The `…In` methods run inside the caller's transaction, for an actor already authorized for `creatorId`
  // (the web's calls above, or a synced studio mutation), and append to the creator's change feed (the caller
  // announces after commit). Every check comes before a write.

  /** A new scheduled stream with the id its creator (or their studio) chose. */
  async createIn(
    trx: Transaction<Database>,
    creatorId: string,
    streamId: string,
    draft: StreamDraft,
    mutationId: string | null,
  ): Promise<StreamOutcome> {
    assertTicketFitsRule(streamId, draft);
    const now = this.deps.clock.now();
    this.#assertPlannedAhead(draft.scheduledFor, now);
    if (await this.deps.streams.find(trx, streamId))
      throw new ConflictError('A stream with this id already exists');
    const row = await this.deps.streams.insert(trx, {
      id: streamId,
      creator_id: creatorId,
      ...draftColumns(draft),
      status: 'scheduled',
      created_at: now,
      updated_at: now,
      version: 1,
    });
    return { row, seq: await appendStream(this.deps.feed, trx, row, mutationId), finished: false };
  }

  /**
   * Replaces a scheduled or live stream's fields if it is still at `baseVersion` (null: any version); a
   * StaleVersionError with the server's stream otherwise. A live stream keeps the time it was planned for.
   */
  async updateIn(
    trx: Transaction<Database>,
    creatorId: string,
    streamId: string,
    draft: StreamDraft,
    baseVersion: number | null,
    mutationId: string | null,
  ): Promise<StreamOutcome> {
    assertTicketFitsRule(streamId, draft);
    const now = this.deps.clock.now();
    const current = await this.#lockOwn(trx, creatorId, streamId);
    if (!isEditable(current.status))
      throw new InvalidStateError(`This stream is ${current.status}; it can no longer change`);
    if (baseVersion !== null && current.version !== baseVersion) {
      throw new StaleVersionError(toStreamSnapshot(current), 'stream', current.version);
    }
    if (current.status === 'scheduled') this.#assertPlannedAhead(draft.scheduledFor, now);
    else if (instantMs(draft.scheduledFor) !== current.scheduled_for?.getTime()) {
      throw new ValidationError('a live stream keeps the time it was planned for', 'scheduledFor');
    }
    const row = await this.deps.streams.update(trx, current.id, { ...draftColumns(draft), updated_at: now });
    return { row, seq: await appendStream(this.deps.feed, trx, row, mutationId), finished: false };
  }

  /**
   * Calls off a stream that has not gone live, if it is still at `baseVersion` (null: any version); its key,
   * if one was issued, stops working. Cancelling a cancelled stream is a no-op. The caller calls
   * `announceFinished` once committed when `finished`.
   */
  async cancelIn(
    trx: Transaction<Database>,
    creatorId: string,
    streamId: string,
    baseVersion: number | null,
    mutationId: string | null,
  ): Promise<StreamOutcome> {
    const current = await this.#lockOwn(trx, creatorId, streamId);
    if (current.status === 'cancelled') return { row: current, seq: null, finished: false };
    if (baseVersion !== null && current.version !== baseVersion) {
      throw new StaleVersionError(toStreamSnapshot(current), 'stream', current.version);
    }
    const issue = transitionIssue(current.status, 'cancelled');
    if (issue) throw new InvalidStateError(issue);
    const row = await this.deps.lifecycle.finish(trx, current, 'cancelled', this.deps.clock.now());
    return { row, seq: await appendStream(this.deps.feed, trx, row, mutationId), finished: true };
  }

  /** After a change committed: the feed's listeners are told, and a cancelled stream's key and fans. */
  announce(outcome: StreamOutcome): void {
    if (outcome.seq !== null) this.deps.feed.announce(outcome.row.creator_id, outcome.seq);
    if (outcome.finished) this.deps.lifecycle.announceFinished(outcome.row);
  }

  /** Calls off a stream that has not gone live; its key, if one was issued, stops working. */
  async cancel(actor: AccountView, creatorId: string, streamId: string): Promise<StreamView> {
    await this.deps.actingFor.assertMayActFor(actor, creatorId, 'live');
    return this.#run(creatorId, (trx) => this.cancelIn(trx, creatorId, streamId, null, null));
  }

  /** Ends a live stream: its key is revoked and its publisher cut. */
  async end(actor: AccountView, creatorId: string, streamId: string): Promise<StreamView> {
    return this.#finish(actor, creatorId, streamId, 'ended');
  }

  /**
   * A fresh ingest key for a stream that has not ended, replacing (and so revoking) any earlier one: the key
   * is in this answer only. A publisher still connected on the earlier key is cut, to come back on this one.
   */
  async goLive(actor: AccountView, creatorId: string, streamId: string): Promise<IngestAccess> {
    await this.deps.actingFor.assertMayActFor(actor, creatorId, 'live');
    const { relay } = this.deps;
    if (!relay) throw new UnavailableError(NO_RELAY);
    const issued = newIngestKey();
    const now = this.deps.clock.now();
    const expiresAt = new Date(now.getTime() + STREAM_KEY_TTL_MS);
    const row = await this.deps.db.transaction().execute(async (trx) => {
      const row = await this.#lockOwn(trx, creatorId, streamId);
      if (!acceptsPublisher(row.status))
        throw new InvalidStateError(transitionIssue(row.status, 'live') ?? NOT_FOUND);
      await this.deps.keys.replace(trx, row.id, issued.sha256, expiresAt, now);
      return row;
    });
    if (row.publishing) relay.disconnectPublisher(row.id);
    this.deps.announcer.keysChanged(row.id);
    return {
      key: issued.key,
      ingestUrl: relay.ingestUrl(row.id, issued.key),
      expiresAt: expiresAt.toISOString(),
    };
  }

  /** The creator's streams: live, then upcoming, then past ones. */
  async mine(actor: AccountView, creatorId: string): Promise<StreamView[]> {
    await this.deps.actingFor.assertMayActFor(actor, creatorId, 'live');
    return (await this.deps.streams.ofCreator(creatorId, STREAMS_LISTED)).map(toStreamView);
  }

  /** One of the creator's streams, as they see it. */
  async get(actor: AccountView, creatorId: string, streamId: string): Promise<StreamView> {
    await this.deps.actingFor.assertMayActFor(actor, creatorId, 'live');
    return toStreamView(await this.#own(this.deps.db, creatorId, streamId, false));
  }

  async #finish(
    actor: AccountView,
    creatorId: string,
    streamId: string,
    status: 'ended',
  ): Promise<StreamView> {
    await this.deps.actingFor.assertMayActFor(actor, creatorId, 'live');
    const { lifecycle } = this.deps;
    const row = await this.deps.db.transaction().execute(async (trx) => {
      const row = await this.#lockOwn(trx, creatorId, streamId);
      if (row.status === status) return null; // asked twice: done already
      const issue = transitionIssue(row.status, status);
      if (issue) throw new InvalidStateError(issue);
      const ended = await lifecycle.finish(trx, row, status, this.deps.clock.now());
      return { row: ended, seq: await appendStream(this.deps.feed, trx, ended, null) };
    });
    if (row) {
      this.deps.feed.announce(row.row.creator_id, row.seq);
      lifecycle.announceFinished(row.row);
    }
    return toStreamView(row?.row ?? (await this.#own(this.deps.db, creatorId, streamId, false)));
  }

  async #run(
    creatorId: string,
    change: (trx: Transaction<Database>) => Promise<StreamOutcome>,
  ): Promise<StreamView> {
    const outcome = await this.deps.db.transaction().execute(change);
    this.announce(outcome);
    return toStreamView(outcome.row);
  }

  #lockOwn(q: Queryable, creatorId: string, streamId: string): Promise<StreamRow> {
    return this.#own(q, creatorId, streamId, true);
  }

  async #own(q: Queryable, creatorId: string, streamId: string, lock: boolean): Promise<StreamRow> {
    const row = lock ? await this.deps.streams.lock(q, streamId) : await this.deps.streams.find(q, streamId);
    if (!row) throw new NotFoundError(NOT_FOUND);
    if (row.creator_id !== creatorId)
      throw new PermissionDeniedError('This stream belongs to another creator');
    return row;
  }

  #assertPlannedAhead(scheduledFor: string | null, now: Date): void {
    if (scheduledFor !== null && Date.parse(scheduledFor) <= now.getTime()) {
      throw new ValidationError('a stream is planned for a time still to come', 'scheduledFor');
    }
  }
}

const instantMs = (at: string | null): number | undefined => (at === null ? undefined : Date.parse(at));

function draftColumns(draft: StreamDraft) {
  return {
    title: draft.title,
    access_rule: JSON.stringify(draft.accessRule),
    ticket_currency: draft.ticketPrice?.currency ?? null,
    ticket_price: draft.ticketPrice?.minor ?? null,
    scheduled_for: draft.scheduledFor === null ? null : new Date(draft.scheduledFor),
  };
}
