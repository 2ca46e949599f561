import { MEDIA_KIND, type MediaSnapshot } from '@shared/domain/media/media';
import type { NewChange } from '../sync/change-feed';
import type { MediaRow } from './media-repository';

/** An item as its creator's studio sees it (the `media` kind). */
export function mediaSnapshot(row: MediaRow): MediaSnapshot {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    failure: row.failure,
    bytes: Number(row.bytes),
    durationMs: row.duration_ms,
    width: row.width,
    height: row.height,
    createdAt: row.created_at.toISOString(),
    readyAt: row.ready_at?.toISOString() ?? null,
  };
}

/** The item's state as a change of its creator's feed (server-written: through the feed outbox). */
export const mediaChange = (row: MediaRow): NewChange => ({
  entity: MEDIA_KIND.entity,
  op: 'upsert',
  id: row.id,
  data: mediaSnapshot(row),
});
