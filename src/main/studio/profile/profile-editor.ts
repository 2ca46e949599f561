import type Database from 'better-sqlite3';
import { ValidationError } from '@shared/domain/errors';
import { newId } from '@shared/domain/ids';
import { describeIssues } from '@shared/domain/input-issues';
import type { LocalProfile } from '@shared/domain/profile/local-profile';
import {
  defaultProfile,
  draftOf,
  PROFILE_KIND,
  profileDraftSchema,
  type ProfileChange,
  type ProfileDraft,
} from '@shared/domain/profile/profile';
import type { ConflictChoice } from '@shared/domain/sync/local-state';
import type { AccountSummary } from '@shared/domain/sync/status';
import { NoConflictError } from '../sync/no-conflict-error';
import type { Outbox } from '../sync/outbox';
import { parseProfile, syncedRow, toLocalProfile, type ProfileRow, type ProfileTable } from './profile-table';

/**
 * The creator's profile in the studio, edited offline or online: each save writes the row and queues the
 * whole draft over the version it was based on, in one transaction.
 */
export class ProfileEditor {
  constructor(
    private readonly db: Database.Database,
    private readonly profiles: ProfileTable,
    private readonly outbox: Outbox,
    private readonly account: AccountSummary,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The profile as the studio has it; before any edit or pull, the account's sign-up name and defaults. */
  get(): LocalProfile {
    return toLocalProfile(this.row());
  }

  /** Saves a new draft; in a conflict it only edits the creator's side until they choose. */
  update(input: unknown): LocalProfile {
    const parsed = profileDraftSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError(describeIssues(parsed.error.issues));
    const draft = parsed.data;
    return this.db.transaction(() => {
      const row = { ...this.row(), ...draftColumns(draft), updated_at: this.now().toISOString() };
      if (row.sync_state === 'conflict') {
        this.profiles.save(row);
        return toLocalProfile(row);
      }
      return this.write(row, row.version, draft);
    })();
  }

  /** Settles a conflict: 'server' takes the server's profile, 'mine' sends the creator's over it. */
  resolveConflict(keep: ConflictChoice): LocalProfile {
    return this.db.transaction(() => {
      const row = this.row();
      if (row.sync_state !== 'conflict' || !row.server_copy) throw new NoConflictError('The profile');
      const server = parseProfile(row.server_copy);
      this.outbox.dropFor(PROFILE_KIND.entity, this.account.id);
      if (keep === 'server') {
        const synced = syncedRow(server);
        this.profiles.save(synced);
        return toLocalProfile(synced);
      }
      const mine = toLocalProfile(row);
      return this.write(
        { ...row, confirmed_version: server.version, server_copy: null },
        server.version,
        draftOf(mine),
      );
    })();
  }

  /** Stores the row as pending, one version past `base`, with its update queued. */
  private write(row: ProfileRow, base: number, draft: ProfileDraft): LocalProfile {
    const written: ProfileRow = { ...row, version: base + 1, sync_state: 'pending', sync_error: null };
    this.profiles.save(written);
    const change: ProfileChange = { type: 'update', baseVersion: base, draft };
    this.outbox.enqueue({ id: newId(), entity: PROFILE_KIND.entity, entityId: this.account.id, change });
    return toLocalProfile(written);
  }

  private row(): ProfileRow {
    return (
      this.profiles.find(this.account.id) ??
      syncedRow(defaultProfile(this.account.id, this.account.displayName))
    );
  }
}

function draftColumns(draft: ProfileDraft) {
  return {
    display_name: draft.displayName,
    bio: draft.bio,
    links: JSON.stringify(draft.links),
    accent_color: draft.accentColor,
  };
}
