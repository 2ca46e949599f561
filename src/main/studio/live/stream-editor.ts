import type Database from 'better-sqlite3';
import { InvalidStateError, ValidationError } from '@shared/domain/errors';
import { newId } from '@shared/domain/ids';
import { assertTicketFitsRule, streamDraftSchema, type StreamDraft } from '@shared/domain/live/stream';
import { STREAM_KIND, type StreamSnapshot } from '@shared/domain/live/stream-sync';
import type { ConflictChoice } from '@shared/domain/sync/local-state';
import type { Outbox } from '../sync/outbox';
import { parseDraft, SyncedEntities } from '../sync/synced-entity-editor';
import { serverAccessOf, type StreamPlan } from './live-fields';
import {
  streamDraftColumns,
  streamDraftOfRow,
  toLocalStream,
  type LocalStream,
  type StreamRow,
  type StreamTable,
} from './stream-table';

const NOT_PLANNED = (status: string) =>
  `This stream is ${status}: only a stream still to come can be planned, edited or cancelled here`;

/**
 * The creator's planned streams in the studio, offline or online: planned with a studio-made id (so a ticket's
 * rule can name it before it syncs), edited, and cancelled. Each change writes the row and its outbox mutation
 * in one transaction; the sync engine delivers them once. Going live and ending stay online (`LiveSession`).
 */
export class StreamEditor {
  private readonly entities: SyncedEntities<
    StreamRow,
    StreamSnapshot,
    StreamDraft,
    LocalStream,
    { type: 'cancel'; baseVersion: number }
  >;

  constructor(
    db: Database.Database,
    private readonly streams: StreamTable,
    private readonly outbox: Outbox,
    private readonly creatorId: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.entities = new SyncedEntities(db, outbox, {
      entity: STREAM_KIND.entity,
      table: streams,
      toLocal: toLocalStream,
      words: {
        notFound: (id) => `Stream ${id} was not found`,
        idTaken: 'A stream with this id already exists',
        named: (row) => `Stream ${row.title}`,
      },
    });
  }

  /** The streams still to come (and one on air), by their planned time. */
  planned(): LocalStream[] {
    return this.streams.planned().map(toLocalStream);
  }

  find(id: string): LocalStream | null {
    const row = this.streams.find(id);
    return row ? toLocalStream(row) : null;
  }

  /** Whether the server has the stream as the studio last changed it (nothing of it waits in the outbox). */
  onServer(id: string): boolean {
    const row = this.streams.find(id);
    return (
      row !== undefined &&
      row.confirmed_version !== null &&
      this.outbox.pendingFor(STREAM_KIND.entity, id) === 0
    );
  }

  /** Writes a new planned stream and queues its creation on the server. */
  plan(plan: StreamPlan, id: string = newId()): LocalStream {
    const draft = this.check(id, plan);
    const row: StreamRow = {
      id,
      creator_id: this.creatorId,
      ...streamDraftColumns(draft),
      status: 'scheduled',
      version: 0,
      confirmed_version: null,
      updated_at: this.now().toISOString(),
      sync_state: 'pending',
      sync_error: null,
      server_copy: null,
    };
    return this.entities.create(row, draft);
  }

  /**
   * Replaces a planned stream's title, access and time. In a conflict it only edits the creator's side until
   * they choose; a stream the server refused to create is created again.
   */
  edit(id: string, plan: StreamPlan): LocalStream {
    const draft = this.check(id, plan);
    return this.entities.transaction(() => {
      const before = this.entities.row(id);
      if (before.status !== 'scheduled') throw new InvalidStateError(NOT_PLANNED(before.status));
      const row = { ...before, ...streamDraftColumns(draft), updated_at: this.now().toISOString() };
      return this.entities.saveDraft(before, row, draft);
    });
  }

  /**
   * Calls a planned stream off. One the server never had just goes (null); in a conflict, cancelling settles it
   * over the server's version (the creator calls it off whatever was edited meanwhile).
   */
  cancel(id: string): LocalStream | null {
    return this.entities.transaction(() => {
      const before = this.entities.row(id);
      if (before.status === 'cancelled') return toLocalStream(before);
      if (before.status !== 'scheduled') throw new InvalidStateError(NOT_PLANNED(before.status));
      if (this.entities.serverLacks(before)) {
        this.streams.remove(id);
        return null;
      }
      let base = before.version;
      if (before.sync_state === 'conflict' || before.sync_state === 'rejected') {
        this.outbox.dropFor(STREAM_KIND.entity, id);
        base = this.streams.serverCopy(before)?.version ?? before.confirmed_version ?? 0;
      }
      const row = { ...before, status: 'cancelled' as const, server_copy: null, version: base };
      return this.entities.write(row, { type: 'cancel', baseVersion: base });
    });
  }

  /** Settles a conflict: 'server' takes the server's stream, 'mine' sends the creator's fields over it. */
  resolveConflict(id: string, keep: ConflictChoice): LocalStream {
    return this.entities.resolveConflict(id, keep, {
      draftOf: streamDraftOfRow,
      refuseMine: (server) =>
        server.status !== 'scheduled' ? `${NOT_PLANNED(server.status)}: keep the server's version` : null,
    });
  }

  /** The plan as the server's draft, refused here as the server would refuse it, so a plan never waits in vain. */
  private check(id: string, plan: StreamPlan): StreamDraft {
    const draft = parseDraft(streamDraftSchema, {
      title: plan.title,
      ...serverAccessOf(plan.access, id),
      scheduledFor: plan.scheduledFor,
    });
    assertTicketFitsRule(id, draft);
    if (draft.scheduledFor !== null && Date.parse(draft.scheduledFor) <= this.now().getTime()) {
      throw new ValidationError('a stream is planned for a time still to come', 'scheduledFor');
    }
    return draft;
  }
}
