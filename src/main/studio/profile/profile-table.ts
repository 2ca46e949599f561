import type Database from 'better-sqlite3';
import type { LocalProfile } from '@shared/domain/profile/local-profile';
import { PROFILE_KIND, type ProfileLink, type ProfileSnapshot } from '@shared/domain/profile/profile';
import { SyncedEntityTable, type SyncColumns, type SyncedTableShape } from '../sync/synced-entity-table';

/** The `profile` row as SQLite returns it. */
export interface ProfileRow extends SyncColumns {
  creator_id: string;
  display_name: string;
  bio: string;
  links: string;
  accent_color: string;
  /** A one-row kind's row starts as the server's defaults: some version is always confirmed. */
  confirmed_version: number;
  updated_at: string | null;
}

const PROFILE_TABLE: SyncedTableShape<ProfileRow, ProfileSnapshot> = {
  table: 'profile',
  entity: PROFILE_KIND.entity,
  key: 'creator_id',
  fields: ['creator_id', 'display_name', 'bio', 'links', 'accent_color', 'updated_at'],
  parse: parseProfile,
  syncedRow,
};

/** The `profile` table of an account's database (one row, the account's own profile). */
export class ProfileTable extends SyncedEntityTable<ProfileRow, ProfileSnapshot> {
  constructor(db: Database.Database) {
    super(db, PROFILE_TABLE);
  }
}

export function toLocalProfile(row: ProfileRow): LocalProfile {
  return {
    creatorId: row.creator_id,
    displayName: row.display_name,
    bio: row.bio,
    links: JSON.parse(row.links) as ProfileLink[],
    accentColor: row.accent_color,
    version: row.version,
    updatedAt: row.updated_at,
    syncState: row.sync_state,
    syncError: row.sync_error,
    serverVersion: row.sync_state === 'conflict' && row.server_copy ? parseProfile(row.server_copy) : null,
  };
}

export function parseProfile(json: string): ProfileSnapshot {
  return JSON.parse(json) as ProfileSnapshot;
}

/** The row as the server has it: synced, nothing of the creator's left to send. */
export function syncedRow(profile: ProfileSnapshot): ProfileRow {
  return {
    creator_id: profile.creatorId,
    display_name: profile.displayName,
    bio: profile.bio,
    links: JSON.stringify(profile.links),
    accent_color: profile.accentColor,
    version: profile.version,
    confirmed_version: profile.version,
    updated_at: profile.updatedAt,
    sync_state: 'synced',
    sync_error: null,
    server_copy: null,
  };
}
