import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** The `follows` table. */
export class FollowRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async isFollowing(fanId: string, creatorId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('follows')
      .select('fan_id')
      .where('fan_id', '=', fanId)
      .where('creator_id', '=', creatorId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Following twice is the same as once. */
  async add(fanId: string, creatorId: string): Promise<void> {
    await this.db
      .insertInto('follows')
      .values({ fan_id: fanId, creator_id: creatorId })
      .onConflict((oc) => oc.columns(['fan_id', 'creator_id']).doNothing())
      .execute();
  }

  async remove(fanId: string, creatorId: string): Promise<void> {
    await this.db
      .deleteFrom('follows')
      .where('fan_id', '=', fanId)
      .where('creator_id', '=', creatorId)
      .execute();
  }
}
