import { sql, type Kysely } from 'kysely';
import type { AccessFacts } from '@shared/domain/access/rule';
import type { Currency } from '@shared/domain/money';
import type { Database } from '../../db/schema';
import { LIVE_STATUSES } from '../subscriptions/subscription-repository';

/** What a viewer holds with one creator, beyond following: the facts the money features add to `evaluate`. */
export type ViewerFacts = Pick<AccessFacts, 'subscription' | 'tierRanks' | 'purchasedItemIds' | 'tips'>;

export const NO_FACTS: ViewerFacts = {
  subscription: null,
  tierRanks: new Map(),
  purchasedItemIds: new Set(),
  tips: [],
};

/** Tips older than this never count toward `tipped(min, withinDays)`: rules ask for at most a year. */
const TIPS_LOOKBACK_DAYS = 366;

/**
 * Reads a viewer's subscription (with its tier's rank), the creator's tier ranks, the viewer's purchases and
 * tips with the creator: the entitlements the ledger's payments produced, read for each gated thing on the
 * server (posts now; media, streams, messages later). Four small indexed reads, run together.
 */
export class ViewerFactsService {
  constructor(private readonly db: Kysely<Database>) {}

  async factsFor(viewerId: string, creatorId: string, now: Date): Promise<ViewerFacts> {
    const since = new Date(now.getTime() - TIPS_LOOKBACK_DAYS * 86_400_000);
    const [subscription, tiers, purchases, tips] = await Promise.all([
      this.db
        .selectFrom('subscriptions')
        .select('tier_id')
        .where('fan_id', '=', viewerId)
        .where('creator_id', '=', creatorId)
        .where('status', 'in', LIVE_STATUSES)
        .executeTakeFirst(),
      this.db.selectFrom('tiers').select(['id', 'rank']).where('creator_id', '=', creatorId).execute(),
      this.db
        .selectFrom('purchases')
        .select('item_id')
        .where('fan_id', '=', viewerId)
        .where('creator_id', '=', creatorId)
        .where('revoked_at', 'is', null)
        .execute(),
      sql<{ currency: Currency; amount: string; created_at: Date }>`
        SELECT currency, amount, created_at FROM tips
        WHERE fan_id = ${viewerId} AND creator_id = ${creatorId} AND created_at >= ${since}`.execute(this.db),
    ]);
    const tierRanks = new Map(tiers.map((t) => [t.id, t.rank]));
    const rank = subscription ? tierRanks.get(subscription.tier_id) : undefined;
    return {
      subscription: subscription && rank !== undefined ? { tierId: subscription.tier_id, rank } : null,
      tierRanks,
      purchasedItemIds: new Set(purchases.map((p) => p.item_id)),
      tips: tips.rows.map((t) => ({ currency: t.currency, minor: BigInt(t.amount), at: t.created_at })),
    };
  }
}
