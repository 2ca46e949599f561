import type { Kysely } from 'kysely';
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
import type { Database } from '../../../db/schema';
import type { Queryable } from '../../../db/queryable';
import type { ActingForPolicy } from '../../access/acting-for';
import type { AccountView } from '../../accounts/account-service';
import type { LiveRelay } from '../live-relay';
import { newIngestKey } from './ingest-key';
import type { StreamAnnouncer } from './stream-announcer';
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
  readonly relay: LiveRelay | null;
  readonly clock: Clock;
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
    assertTicketFitsRule(streamId, draft);
    const now = this.deps.clock.now();
    this.#assertPlannedAhead(draft.scheduledFor, now);
    return this.deps.db.transaction().execute(async (trx) => {
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
      return toStreamView(row);
    });
  }

  /** Changes a scheduled or live stream's title, access, ticket price and (before it goes live) planned time. */
  async update(
    actor: AccountView,
    creatorId: string,
    streamId: string,
    baseVersion: number,
    draft: StreamDraft,
  ): Promise<StreamView> {
    await this.deps.actingFor.assertMayActFor(actor, creatorId, 'live');
    assertTicketFitsRule(streamId, draft);
    const now = this.deps.clock.now();
    const row = await this.deps.db.transaction().execute(async (trx) => {
      const row = await this.#lockOwn(trx, creatorId, streamId);
      if (!isEditable(row.status))
        throw new InvalidStateError(`This stream is ${row.status}; it can no longer change`);
      if (row.version !== baseVersion) {
        throw new ConflictError('This stream changed since you opened it; reload it and try again');
      }
      if (row.status === 'scheduled') this.#assertPlannedAhead(draft.scheduledFor, now);
      else if (instantMs(draft.scheduledFor) !== row.scheduled_for?.getTime()) {
        throw new ValidationError('a live stream keeps the time it was planned for', 'scheduledFor');
      }
      return this.deps.streams.update(trx, row.id, { ...draftColumns(draft), updated_at: now });
    });
    return toStreamView(row);
  }

  /** Calls off a stream that has not gone live; its key, if one was issued, stops working. */
  async cancel(actor: AccountView, creatorId: string, streamId: string): Promise<StreamView> {
    return this.#finish(actor, creatorId, streamId, 'cancelled');
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
    status: 'ended' | 'cancelled',
  ): Promise<StreamView> {
    await this.deps.actingFor.assertMayActFor(actor, creatorId, 'live');
    const { lifecycle } = this.deps;
    const row = await this.deps.db.transaction().execute(async (trx) => {
      const row = await this.#lockOwn(trx, creatorId, streamId);
      if (row.status === status) return null; // asked twice: done already
      const issue = transitionIssue(row.status, status);
      if (issue) throw new InvalidStateError(issue);
      return lifecycle.finish(trx, row, status, this.deps.clock.now());
    });
    if (row) lifecycle.announceFinished(row);
    return toStreamView(row ?? (await this.#own(this.deps.db, creatorId, streamId, false)));
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
