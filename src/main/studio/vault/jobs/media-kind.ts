import { MEDIA_KIND, mediaSnapshotSchema } from '@shared/domain/media/media';
import type { StudioKind } from '../../sync/synced-kind';
import type { JobItems } from './job-inputs';

/**
 * The `media` kind (written by the server only): what the server says of each uploaded item, stored on the vault
 * item (`server_status`, `server_failure`). Media the vault does not hold (uploaded from another studio, or
 * deleted here for good) is ignored; a change this studio cannot read is skipped, not applied half-way.
 */
export function mediaKind(items: JobItems, now: () => Date = () => new Date()): StudioKind {
  return {
    spec: MEDIA_KIND,
    applyChanges(changes) {
      const at = now().toISOString();
      for (const change of changes) {
        if (!items.get(change.id)) continue;
        if (change.op === 'delete') {
          // Gone from the server: the item is no longer uploaded, the next upload starts afresh.
          items.setServerStatus(change.id, null, null, at);
          continue;
        }
        const parsed = mediaSnapshotSchema.safeParse(change.data);
        if (!parsed.success || parsed.data.id !== change.id) continue;
        items.setServerStatus(change.id, parsed.data.status, parsed.data.failure, at);
      }
    },
  };
}
