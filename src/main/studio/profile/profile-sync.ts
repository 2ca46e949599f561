import { PROFILE_KIND } from '@shared/domain/profile/profile';
import { oneRowStudioKind } from '../sync/one-row-kind';
import type { KindContext, StudioKind } from '../sync/synced-kind';
import type { ProfileEditor } from './profile-editor';
import type { ProfileTable } from './profile-table';

/** The profile in the studio's sync: how the server's answers and pulled profiles land in the `profile` row. */
export function profileStudioKind(
  context: KindContext,
  profiles: ProfileTable,
  editor: ProfileEditor,
): StudioKind {
  return oneRowStudioKind(context, { spec: PROFILE_KIND, table: profiles, editor });
}
