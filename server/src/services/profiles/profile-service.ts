import type { Kysely, Transaction } from 'kysely';
import { NotFoundError } from '@shared/domain/errors';
import {
  DEFAULT_ACCENT_COLOR,
  PROFILE_KIND,
  type ProfileChange,
  type ProfileSnapshot,
} from '@shared/domain/profile/profile';
import { StaleVersionError } from '@shared/domain/sync/kind';
import type { Database } from '../../db/schema';
import type { ActingForPolicy } from '../access/acting-for';
import type { AccountRepository } from '../accounts/account-repository';
import type { AccountView } from '../accounts/account-service';
import type { ChangeFeed } from '../sync/change-feed';
import type { ProfileRecord, ProfileRepository } from './profile-repository';

export interface ProfileOutcome {
  readonly profile: ProfileSnapshot;
  readonly seq: number;
}

const NO_CREATOR = 'No creator account with this id';

/** A creator's profile: read by anyone on the creator page, written by whoever acts for the creator. */
export class ProfileService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly profiles: ProfileRepository,
    private readonly accounts: AccountRepository,
    private readonly actingFor: ActingForPolicy,
    private readonly feed: ChangeFeed,
  ) {}

  /** The profile as its creator (or whoever acts for them) edits it. */
  async get(actor: AccountView, creatorId: string): Promise<ProfileSnapshot> {
    await this.actingFor.assertMayActFor(actor, creatorId, 'settings');
    const record = await this.profiles.findById(this.db, creatorId);
    if (!record) throw new NotFoundError(NO_CREATOR);
    return toProfileSnapshot(record);
  }

  /** Applies a change in its own transaction and announces it after commit. */
  async update(actor: AccountView, creatorId: string, change: ProfileChange): Promise<ProfileOutcome> {
    await this.actingFor.assertMayActFor(actor, creatorId, 'settings');
    const outcome = await this.db.transaction().execute((trx) => this.updateIn(trx, creatorId, change, null));
    this.feed.announce(creatorId, outcome.seq);
    return outcome;
  }

  /**
   * Replaces the profile if it is still at `baseVersion` (a StaleVersionError with the server's profile
   * otherwise), inside the caller's transaction, for an actor already authorized; appends to the feed.
   */
  async updateIn(
    trx: Transaction<Database>,
    creatorId: string,
    change: ProfileChange,
    mutationId: string | null,
  ): Promise<ProfileOutcome> {
    const record = await this.profiles.findById(trx, creatorId, { lock: true });
    if (!record) throw new NotFoundError(NO_CREATOR);
    const current = toProfileSnapshot(record);
    if (current.version !== change.baseVersion) {
      throw new StaleVersionError(current, 'profile', current.version);
    }
    const { draft } = change;
    const updatedAt = new Date();
    await this.accounts.setDisplayName(trx, creatorId, draft.displayName);
    await this.profiles.save(trx, creatorId, { ...draft, version: current.version + 1, updatedAt });
    const profile: ProfileSnapshot = {
      creatorId,
      ...draft,
      version: current.version + 1,
      updatedAt: updatedAt.toISOString(),
    };
    const seq = await this.feed.append(
      trx,
      creatorId,
      { entity: PROFILE_KIND.entity, op: 'upsert', id: creatorId, data: profile },
      mutationId,
    );
    return { profile, seq };
  }
}

/** The shared snapshot of a profile record; a profile never edited reads as the default one. */
export function toProfileSnapshot(record: ProfileRecord): ProfileSnapshot {
  return {
    creatorId: record.creatorId,
    displayName: record.displayName,
    bio: record.bio ?? '',
    links: record.links ?? [],
    accentColor: record.accentColor ?? DEFAULT_ACCENT_COLOR,
    version: record.version ?? 0,
    updatedAt: record.updatedAt ? record.updatedAt.toISOString() : null,
  };
}
