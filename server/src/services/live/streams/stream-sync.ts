import { STREAM_KIND, type StreamChange } from '@shared/domain/live/stream-sync';
import { syncedKind } from '../../sync/synced-kind';
import type { StreamService } from './stream-service';

/**
 * Streams in `sync.push`: planned in the studio with the id it made (so an offline plan is named before it
 * syncs), edited and cancelled over the version they were based on. Going live and ending stay online calls.
 *
 * A cancel's announcements (its status to fans, its key to the relays) go out as soon as the handler returns,
 * inside the push's transaction: a relay refreshing its keys that instant still reads the key, until its
 * periodic reload, and a publisher getting in on it is cut at once (the stream is over, `StreamLifecycle`).
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
      if (outcome.finished) streams.announce({ ...outcome, seq: null });
      return { seq: outcome.seq, version: outcome.row.version };
    },
  });
}
