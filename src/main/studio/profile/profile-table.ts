import type Database from 'better-sqlite3';
import type { LocalProfile } from '@shared/domain/profile/local-profile';
import type { ProfileLink, ProfileSnapshot } from '@shared/domain/profile/profile';
import type { SyncState } from '@shared/domain/sync/local-state';

/** The `profile` row as SQLite returns it. */
export interface ProfileRow {
  creator_id: string;
  display_name: string;
  bio: string;
  links: string;
  accent_color: string;
  version: number;
  confirmed_version: number;
  updated_at: string | null;
  sync_state: SyncState;
  sync_error: string | null;
  server_copy: string | null;
}

const NOTHING_WAITING = `NOT EXISTS (SELECT 1 FROM outbox WHERE outbox.entity = 'profile')`;

/** The `profile` table of an account's database (one row, the account's own profile): all its statements. */
export class ProfileTable {
  private readonly selectRow: Database.Statement;
  private readonly saveRow: Database.Statement;
  private readonly upsertIfSettled: Database.Statement;
  private readonly recordCopy: Database.Statement;

  constructor(db: Database.Database) {
    this.selectRow = db.prepare('SELECT * FROM profile WHERE creator_id = ?');
    this.saveRow =
      db.prepare(`INSERT INTO profile (creator_id, display_name, bio, links, accent_color, version,
        confirmed_version, updated_at, sync_state, sync_error, server_copy)
      VALUES (@creator_id, @display_name, @bio, @links, @accent_color, @version, @confirmed_version, @updated_at,
        @sync_state, @sync_error, @server_copy)
      ON CONFLICT (creator_id) DO UPDATE SET display_name = excluded.display_name, bio = excluded.bio,
        links = excluded.links, accent_color = excluded.accent_color, version = excluded.version,
        confirmed_version = excluded.confirmed_version, updated_at = excluded.updated_at,
        sync_state = excluded.sync_state, sync_error = excluded.sync_error, server_copy = excluded.server_copy`);
    // The server's profile lands as synced only while the creator has nothing of theirs on it.
    this.upsertIfSettled =
      db.prepare(`INSERT INTO profile (creator_id, display_name, bio, links, accent_color,
        version, confirmed_version, updated_at, sync_state, sync_error, server_copy)
      VALUES (@creator_id, @display_name, @bio, @links, @accent_color, @version, @version, @updated_at, 'synced',
        NULL, NULL)
      ON CONFLICT (creator_id) DO UPDATE SET display_name = excluded.display_name, bio = excluded.bio,
        links = excluded.links, accent_color = excluded.accent_color, version = excluded.version,
        confirmed_version = excluded.confirmed_version, updated_at = excluded.updated_at, sync_state = 'synced',
        sync_error = NULL, server_copy = NULL
      WHERE profile.sync_state IN ('synced', 'pending') AND ${NOTHING_WAITING}`);
    this.recordCopy = db.prepare(`UPDATE profile SET server_copy = @copy, confirmed_version = @version,
        version = CASE WHEN ${NOTHING_WAITING} THEN @version ELSE version END
      WHERE creator_id = @creator_id`);
  }

  find(creatorId: string): ProfileRow | undefined {
    return this.selectRow.get(creatorId) as ProfileRow | undefined;
  }

  /** Writes every column of the row (inserting it the first time). */
  save(row: ProfileRow): void {
    this.saveRow.run(row);
  }

  /** The server's profile, as pulled: synced, unless the creator has something of theirs on it. */
  receive(profile: ProfileSnapshot): void {
    const params = syncedRow(profile);
    if (this.upsertIfSettled.run(params).changes === 0) {
      this.recordCopy.run({
        copy: JSON.stringify(profile),
        version: profile.version,
        creator_id: profile.creatorId,
      });
    }
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
