import type Database from 'better-sqlite3';
import type { LocalProfile } from '@shared/domain/profile/local-profile';
import {
  defaultProfile,
  draftOf,
  PROFILE_KIND,
  profileDraftSchema,
  type ProfileChange,
  type ProfileDraft,
  type ProfileSnapshot,
} from '@shared/domain/profile/profile';
import type { AccountSummary } from '@shared/domain/sync/status';
import { OneRowEditor } from '../sync/one-row-editor';
import type { Outbox } from '../sync/outbox';
import { toLocalProfile, type ProfileRow, type ProfileTable } from './profile-table';

/**
 * The creator's profile in the studio, edited offline or online: each save writes the row and queues the
 * whole draft over the version it was based on, in one transaction.
 */
export class ProfileEditor extends OneRowEditor<ProfileRow, ProfileSnapshot, ProfileDraft, LocalProfile> {
  constructor(
    db: Database.Database,
    profiles: ProfileTable,
    outbox: Outbox,
    account: AccountSummary,
    now: () => Date = () => new Date(),
  ) {
    super(
      db,
      outbox,
      {
        entity: PROFILE_KIND.entity,
        accountId: account.id,
        table: profiles,
        draftSchema: profileDraftSchema,
        fieldsOf: (draft) => ({
          display_name: draft.displayName,
          bio: draft.bio,
          links: JSON.stringify(draft.links),
          accent_color: draft.accentColor,
        }),
        draftOf: (row) => draftOf(toLocalProfile(row)),
        changeOf: (baseVersion, draft): ProfileChange => ({ type: 'update', baseVersion, draft }),
        defaults: () => defaultProfile(account.id, account.displayName),
        toLocal: toLocalProfile,
        named: 'The profile',
      },
      now,
    );
  }
}
