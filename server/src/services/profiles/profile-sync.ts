import { PROFILE_KIND, type ProfileChange } from '@shared/domain/profile/profile';
import { PermissionDeniedError } from '@shared/domain/errors';
import { syncedKind } from '../sync/synced-kind';
import type { ProfileService } from './profile-service';

/** Profiles in `sync.push`: the entity id is the creator's own account id. */
export function profileSyncedKind(profiles: ProfileService) {
  return syncedKind<ProfileChange>({
    spec: PROFILE_KIND,
    scope: 'settings',
    async apply({ trx, ownerId, entityId, change, mutationId }) {
      if (entityId !== ownerId)
        throw new PermissionDeniedError('A profile can only be changed by its own creator');
      const { profile, seq } = await profiles.updateIn(trx, ownerId, change, mutationId);
      return { seq, version: profile.version };
    },
  });
}
