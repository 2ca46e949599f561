import type { Kysely } from 'kysely';
import { NotFoundError, ValidationError } from '@shared/domain/errors';
import type { Database } from '../../db/schema';
import type { AccountView } from '../accounts/account-service';

/** Who follows which creator. */
export class FollowService {
  constructor(private readonly db: Kysely<Database>) {}

  /** Makes the viewer follow the creator; following twice is the same as once. */
  async follow(viewer: AccountView, handle: string): Promise<{ following: boolean }> {
    const creatorId = await this.#creatorId(handle);
    if (creatorId === viewer.id) throw new ValidationError('You cannot follow yourself', 'handle');
    await this.db
      .insertInto('follows')
      .values({ fan_id: viewer.id, creator_id: creatorId })
      .onConflict((oc) => oc.columns(['fan_id', 'creator_id']).doNothing())
      .execute();
    return { following: true };
  }

  /** Stops following; unfollowing a creator one does not follow is fine. */
  async unfollow(viewer: AccountView, handle: string): Promise<{ following: boolean }> {
    const creatorId = await this.#creatorId(handle);
    await this.db
      .deleteFrom('follows')
      .where('fan_id', '=', viewer.id)
      .where('creator_id', '=', creatorId)
      .execute();
    return { following: false };
  }

  async #creatorId(handle: string): Promise<string> {
    const row = await this.db
      .selectFrom('accounts')
      .select('id')
      .where('handle', '=', handle.toLowerCase())
      .where('role', '=', 'creator')
      .executeTakeFirst();
    if (!row) throw new NotFoundError(`No creator @${handle}`);
    return row.id;
  }
}
