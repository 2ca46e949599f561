import { STREAM_KIND, type StreamChange } from '@shared/domain/live/stream-sync';
import { syncedKind } from '../../sync/synced-kind';
import type { StreamService } from './stream-service';

/**
 * Streams in `sync.push`: planned in the studio with the id it made (so an offline plan is named before it
 * syncs), edited and cancelled over the version they were based on. Going live and ending stay online calls.
 *
 * A cancel's announcements (its status to fans, its key to the relays) go out once the push's transaction has
 * committed (`afterCommit`), never when it rolls back: fans never hear of a cancel that did not happen, and a
 * relay told to refresh its keys reads them with the key already revoked.
 */
export function streamSyncedKind(streams: StreamService) {
  return syncedKind<StreamChange>({
    spec: STREAM_KIND,
    scope: 'live',
    async apply({ trx, ownerId, entityId, change, mutationId }) {
      const outcome =
        change.type === 'create'
          ? await streams.createIn(trx, ownerId, entityId, change.draft, mutationId)
          : change.type === 'update'
            ? await streams.updateIn(trx, ownerId, entityId, change.draft, change.baseVersion, mutationId)
            : await streams.cancelIn(trx, ownerId, entityId, change.baseVersion, mutationId);
      const answer = { seq: outcome.seq, version: outcome.row.version };
      if (!outcome.finished) return answer;
      // `sync.push` announces the feed's seq itself; the cancel's status and key are told here.
      return { ...answer, afterCommit: () => streams.announce({ ...outcome, seq: null }) };
    },
  });
}
