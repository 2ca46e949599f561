import { PermissionDeniedError } from '@shared/domain/errors';
import { CHAT_SETTINGS_KIND, type ChatSettingsChange } from '@shared/domain/live/stream-sync';
import { syncedKind } from '../../sync/synced-kind';
import type { ChatService } from './chat-service';

/**
 * Chat settings (slow mode, blocked words) in `sync.push`: a creator has one set for all their streams, so the
 * entity id is the creator's own account id, as for tip settings.
 */
export function chatSettingsSyncedKind(chat: ChatService) {
  return syncedKind<ChatSettingsChange>({
    spec: CHAT_SETTINGS_KIND,
    scope: 'live',
    async apply({ trx, ownerId, entityId, change, mutationId }) {
      if (entityId !== ownerId) {
        throw new PermissionDeniedError("Chat settings can only be changed as their creator's own");
      }
      const { settings, seq } = await chat.updateSettingsIn(
        trx,
        ownerId,
        change.settings,
        change.baseVersion,
        mutationId,
      );
      return { seq, version: settings.version };
    },
  });
}
