import type { AccessRule } from '@shared/domain/access/rule';
import { STREAM_KIND, type StreamSnapshot } from '@shared/domain/live/stream-sync';
import type { Queryable } from '../../../db/queryable';
import type { ChangeFeed } from '../../sync/change-feed';
import type { StreamRow } from './stream-repository';
import { toTicketPrice } from './stream-views';

/** The shared snapshot of a stream: what the change feed carries and a conflict hands back. */
export function toStreamSnapshot(row: StreamRow): StreamSnapshot {
  return {
    id: row.id,
    creatorId: row.creator_id,
    title: row.title,
    accessRule: row.access_rule as AccessRule,
    ticketPrice: toTicketPrice(row),
    scheduledFor: row.scheduled_for?.toISOString() ?? null,
    status: row.status,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * Appends a stream as it now is to its creator's change feed, in the caller's transaction: every change that
 * bumps a stream's version (the creator's, from the web or the studio, and the lifecycle's) does, so the
 * studio's copy keeps the version the next change is based on. The caller announces the seq after commit.
 */
export function appendStream(
  feed: ChangeFeed,
  trx: Queryable,
  row: StreamRow,
  mutationId: string | null,
): Promise<number> {
  return feed.append(
    trx,
    row.creator_id,
    { entity: STREAM_KIND.entity, op: 'upsert', id: row.id, data: toStreamSnapshot(row) },
    mutationId,
  );
}
