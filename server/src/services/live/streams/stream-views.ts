import type { AccessRule } from '@shared/domain/access/rule';
import type { StreamStatus, StreamStatusEvent, TicketPrice } from '@shared/domain/live/stream';
import type { WatchableStream } from '../stream-access';
import type { StreamRow } from './stream-repository';

/** A stream as its creator (and whoever acts for them) sees it: every field they set, and where it stands. */
export interface StreamView {
  readonly id: string;
  readonly creatorId: string;
  readonly title: string;
  readonly accessRule: AccessRule;
  readonly ticketPrice: TicketPrice | null;
  readonly status: StreamStatus;
  /** An encoder is connected and sending now. */
  readonly publishing: boolean;
  /** ISO 8601 instants, or null. */
  readonly scheduledFor: string | null;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** +1 on every change; `live.update` takes it back as `baseVersion`. */
  readonly version: number;
}

/** A stream as fans see it, whether or not they may watch it: never its access rule's ids or its key. */
export interface PublicStreamView {
  readonly id: string;
  readonly creatorId: string;
  readonly title: string;
  readonly status: StreamStatus;
  readonly publishing: boolean;
  readonly scheduledFor: string | null;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
}

const iso = (at: Date | null): string | null => (at === null ? null : at.toISOString());

/** When the stream ended: `ended_at` of a live stream is when its publisher went away, not an end. */
const endedAtOf = (row: StreamRow): string | null =>
  row.status === 'ended' || row.status === 'cancelled' ? iso(row.ended_at) : null;

export function toTicketPrice(row: Pick<StreamRow, 'ticket_currency' | 'ticket_price'>): TicketPrice | null {
  return row.ticket_currency === 'USD' && row.ticket_price !== null
    ? { currency: 'USD', minor: String(row.ticket_price) }
    : null;
}

export function toStreamView(row: StreamRow): StreamView {
  return {
    id: row.id,
    creatorId: row.creator_id,
    title: row.title,
    accessRule: row.access_rule as AccessRule,
    ticketPrice: toTicketPrice(row),
    status: row.status,
    publishing: row.publishing,
    scheduledFor: iso(row.scheduled_for),
    startedAt: iso(row.started_at),
    endedAt: endedAtOf(row),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

export function toPublicStreamView(row: StreamRow): PublicStreamView {
  return {
    id: row.id,
    creatorId: row.creator_id,
    title: row.title,
    status: row.status,
    publishing: row.publishing,
    scheduledFor: iso(row.scheduled_for),
    startedAt: iso(row.started_at),
    endedAt: endedAtOf(row),
  };
}

export function toStatusEvent(row: StreamRow): StreamStatusEvent {
  return {
    type: 'status',
    status: row.status,
    publishing: row.publishing,
    startedAt: iso(row.started_at),
    endedAt: endedAtOf(row),
  };
}

export const toWatchable = (row: StreamRow): WatchableStream => ({
  id: row.id,
  creatorId: row.creator_id,
  title: row.title,
  status: row.status,
});
