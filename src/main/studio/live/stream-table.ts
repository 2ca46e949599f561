import type Database from 'better-sqlite3';
import type { AccessRule } from '@shared/domain/access/rule';
import type { StreamDraft, StreamStatus } from '@shared/domain/live/stream';
import { STREAM_KIND, type StreamSnapshot } from '@shared/domain/live/stream-sync';
import type { LocalSyncFields } from '@shared/domain/sync/local-state';
import { SyncedEntityTable, type SyncColumns, type SyncedTableShape } from '../sync/synced-entity-table';
import type { StreamAccess } from './live-fields';

/** A `live_streams` row as SQLite returns it. */
export interface StreamRow extends SyncColumns {
  id: string;
  creator_id: string;
  title: string;
  access_rule: string;
  ticket_price_cents: string | null;
  scheduled_for: string | null;
  status: StreamStatus;
  updated_at: string;
}

/** A planned (or past) stream as the Live screen shows it. */
export interface LocalStream extends LocalSyncFields<StreamSnapshot> {
  readonly id: string;
  readonly creatorId: string;
  readonly title: string;
  /**
   * Who may watch, as the Go live form offers it; null when the stream's rule is one the form does not offer
   * (set on the web): editing it here then sets a new one.
   */
  readonly access: StreamAccess | null;
  readonly accessRule: AccessRule;
  readonly ticketPrice: { readonly currency: 'USD'; readonly minor: string } | null;
  readonly scheduledFor: string | null;
  readonly status: StreamStatus;
  readonly version: number;
  readonly updatedAt: string;
}

const STREAM_TABLE: SyncedTableShape<StreamRow, StreamSnapshot> = {
  table: 'live_streams',
  entity: STREAM_KIND.entity,
  key: 'id',
  fields: [
    'id',
    'creator_id',
    'title',
    'access_rule',
    'ticket_price_cents',
    'scheduled_for',
    'status',
    'updated_at',
  ],
  parse: parseStream,
  syncedRow: syncedStreamRow,
};

/** The `live_streams` table of an account's database: the synced table's statements, and the planned ones. */
export class StreamTable extends SyncedEntityTable<StreamRow, StreamSnapshot> {
  private readonly selectPlanned: Database.Statement;

  constructor(db: Database.Database) {
    super(db, STREAM_TABLE);
    // Planned streams first by their time (unplanned ones last), then the rest newest first.
    this.selectPlanned = db.prepare(
      `SELECT * FROM live_streams WHERE status IN ('scheduled', 'live')
      ORDER BY status = 'live' DESC, scheduled_for IS NULL, scheduled_for, updated_at DESC, id`,
    );
  }

  /** The streams still to come (or on air now): live first, then by their planned time. */
  planned(): StreamRow[] {
    return this.selectPlanned.all() as StreamRow[];
  }
}

/** The Go live form's choice for a rule and price, when it is one the form offers. */
export function accessOfRule(
  streamId: string,
  rule: AccessRule,
  ticketPriceCents: string | null,
): StreamAccess | null {
  if (rule.kind === 'public' && ticketPriceCents === null) return { kind: 'public' };
  if (rule.kind === 'subscriber' && ticketPriceCents === null) {
    return { kind: 'subscribers', minTier: rule.minTier ?? null };
  }
  if (rule.kind === 'purchased' && rule.itemId === streamId && ticketPriceCents !== null) {
    return { kind: 'ticket', priceCents: ticketPriceCents };
  }
  return null;
}

export function toLocalStream(row: StreamRow): LocalStream {
  const accessRule = JSON.parse(row.access_rule) as AccessRule;
  return {
    id: row.id,
    creatorId: row.creator_id,
    title: row.title,
    access: accessOfRule(row.id, accessRule, row.ticket_price_cents),
    accessRule,
    ticketPrice: row.ticket_price_cents === null ? null : { currency: 'USD', minor: row.ticket_price_cents },
    scheduledFor: row.scheduled_for,
    status: row.status,
    version: row.version,
    updatedAt: row.updated_at,
    syncState: row.sync_state,
    syncError: row.sync_error,
    serverVersion: row.sync_state === 'conflict' && row.server_copy ? parseStream(row.server_copy) : null,
  };
}

/** A row's fields as the server's draft. */
export function streamDraftOfRow(row: StreamRow): StreamDraft {
  return {
    title: row.title,
    accessRule: JSON.parse(row.access_rule) as AccessRule,
    ticketPrice: row.ticket_price_cents === null ? null : { currency: 'USD', minor: row.ticket_price_cents },
    scheduledFor: row.scheduled_for,
  };
}

/** A draft's columns, to write over a row. */
export function streamDraftColumns(draft: StreamDraft) {
  return {
    title: draft.title,
    access_rule: JSON.stringify(draft.accessRule),
    ticket_price_cents: draft.ticketPrice?.minor ?? null,
    scheduled_for: draft.scheduledFor,
  };
}

export function parseStream(json: string): StreamSnapshot {
  return JSON.parse(json) as StreamSnapshot;
}

/** The row as the server has it: synced, nothing of the creator's left to send. */
export function syncedStreamRow(stream: StreamSnapshot): StreamRow {
  return {
    id: stream.id,
    creator_id: stream.creatorId,
    ...streamDraftColumns(stream),
    status: stream.status,
    version: stream.version,
    confirmed_version: stream.version,
    updated_at: stream.updatedAt,
    sync_state: 'synced',
    sync_error: null,
    server_copy: null,
  };
}
