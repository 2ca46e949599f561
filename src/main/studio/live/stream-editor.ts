import type Database from 'better-sqlite3';
import { ConflictError, InvalidStateError, NotFoundError, ValidationError } from '@shared/domain/errors';
import { newId } from '@shared/domain/ids';
import { describeIssues } from '@shared/domain/input-issues';
import { assertTicketFitsRule, streamDraftSchema, type StreamDraft } from '@shared/domain/live/stream';
import { STREAM_KIND, type StreamChange } from '@shared/domain/live/stream-sync';
import type { ConflictChoice } from '@shared/domain/sync/local-state';
import { NoConflictError } from '../sync/no-conflict-error';
import { FIRST_SERVER_VERSION, type Outbox } from '../sync/outbox';
import { serverAccessOf, type StreamPlan } from './live-fields';
import {
  parseStream,
  streamDraftColumns,
  streamDraftOfRow,
  syncedStreamRow,
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
  constructor(
    private readonly db: Database.Database,
    private readonly streams: StreamTable,
    private readonly outbox: Outbox,
    private readonly creatorId: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

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
    return this.db.transaction(() => {
      if (this.streams.find(id)) throw new ConflictError('A stream with this id already exists');
      return this.write(row, { type: 'create', draft });
    })();
  }

  /**
   * Replaces a planned stream's title, access and time. In a conflict it only edits the creator's side until
   * they choose; a stream the server refused to create is created again.
   */
  edit(id: string, plan: StreamPlan): LocalStream {
    const draft = this.check(id, plan);
    return this.db.transaction(() => {
      const before = this.row(id);
      if (before.status !== 'scheduled') throw new InvalidStateError(NOT_PLANNED(before.status));
      const row = { ...before, ...streamDraftColumns(draft), updated_at: this.now().toISOString() };
      if (before.sync_state === 'conflict') {
        this.streams.save(row);
        return toLocalStream(row);
      }
      return this.write(
        row,
        this.serverLacks(before)
          ? { type: 'create', draft }
          : { type: 'update', baseVersion: before.version, draft },
      );
    })();
  }

  /**
   * Calls a planned stream off. One the server never had just goes (null); in a conflict, cancelling settles it
   * over the server's version (the creator calls it off whatever was edited meanwhile).
   */
  cancel(id: string): LocalStream | null {
    return this.db.transaction(() => {
      const before = this.row(id);
      if (before.status === 'cancelled') return toLocalStream(before);
      if (before.status !== 'scheduled') throw new InvalidStateError(NOT_PLANNED(before.status));
      if (this.serverLacks(before)) {
        this.streams.remove(id);
        return null;
      }
      let base = before.version;
      if (before.sync_state === 'conflict' || before.sync_state === 'rejected') {
        this.outbox.dropFor(STREAM_KIND.entity, id);
        base = before.server_copy ? parseStream(before.server_copy).version : (before.confirmed_version ?? 0);
      }
      const row = { ...before, status: 'cancelled' as const, server_copy: null, version: base };
      return this.write(row, { type: 'cancel', baseVersion: base });
    })();
  }

  /** Settles a conflict: 'server' takes the server's stream, 'mine' sends the creator's fields over it. */
  resolveConflict(id: string, keep: ConflictChoice): LocalStream {
    return this.db.transaction(() => {
      const row = this.row(id);
      if (row.sync_state !== 'conflict' || !row.server_copy) throw new NoConflictError(`Stream ${row.title}`);
      const server = parseStream(row.server_copy);
      this.outbox.dropFor(STREAM_KIND.entity, id);
      if (keep === 'server' || server.status !== 'scheduled') {
        if (keep === 'mine') {
          throw new InvalidStateError(`${NOT_PLANNED(server.status)}: keep the server's version`);
        }
        const synced = syncedStreamRow(server);
        this.streams.save(synced);
        return toLocalStream(synced);
      }
      const mine = { ...row, version: server.version, confirmed_version: server.version, server_copy: null };
      return this.write(mine, { type: 'update', baseVersion: server.version, draft: streamDraftOfRow(row) });
    })();
  }

  /** Whether the server has not got the stream and nothing queued will give it (its create was refused). */
  private serverLacks(row: StreamRow): boolean {
    return row.confirmed_version === null && this.outbox.pendingFor(STREAM_KIND.entity, row.id) === 0;
  }

  /** Stores the row as pending with its change queued, at the version the server will have once it applies. */
  private write(row: StreamRow, change: StreamChange): LocalStream {
    const written: StreamRow = {
      ...row,
      version: change.type === 'create' ? FIRST_SERVER_VERSION : row.version + 1,
      sync_state: 'pending',
      sync_error: null,
    };
    this.streams.save(written);
    this.outbox.enqueue({ id: newId(), entity: STREAM_KIND.entity, entityId: row.id, change });
    return toLocalStream(written);
  }

  private row(id: string): StreamRow {
    const row = this.streams.find(id);
    if (!row) throw new NotFoundError(`Stream ${id} was not found`);
    return row;
  }

  /** The plan as the server's draft, refused here as the server would refuse it, so a plan never waits in vain. */
  private check(id: string, plan: StreamPlan): StreamDraft {
    const parsed = streamDraftSchema.safeParse({
      title: plan.title,
      ...serverAccessOf(plan.access, id),
      scheduledFor: plan.scheduledFor,
    });
    if (!parsed.success) throw new ValidationError(describeIssues(parsed.error.issues));
    const draft = parsed.data;
    assertTicketFitsRule(id, draft);
    if (draft.scheduledFor !== null && Date.parse(draft.scheduledFor) <= this.now().getTime()) {
      throw new ValidationError('a stream is planned for a time still to come', 'scheduledFor');
    }
    return draft;
  }
}
