import { PermissionDeniedError } from '@shared/domain/errors';
import { TIP_SETTINGS_KIND, type TipSettingsChange } from '@shared/domain/tips/tip-settings';
import { syncedKind } from '../sync/synced-kind';
import type { TipService } from './tip-service';

/** Tip settings in `sync.push`: the entity id is the creator's own account id, as for the profile. */
export function tipSettingsSyncedKind(tips: TipService) {
  return syncedKind<TipSettingsChange>({
    spec: TIP_SETTINGS_KIND,
    scope: 'finance',
    async apply({ trx, ownerId, entityId, change, mutationId }) {
      if (entityId !== ownerId) {
        throw new PermissionDeniedError("Tip settings can only be changed as their creator's own");
      }
      const { settings, seq } = await tips.updateSettingsIn(
        trx,
        ownerId,
        change.draft,
        change.baseVersion,
        mutationId,
      );
      return { seq, version: settings.version };
    },
  });
}
