import { amount, type Amount } from '@shared/domain/money';
import type { PostPrice } from '@shared/domain/posts/post';
import { withTierDiscount } from '@shared/domain/subscriptions/billing';
import type { Queryable } from '../../db/queryable';
import { LIVE_STATUSES, type SubscriptionRepository } from '../subscriptions/subscription-repository';
import type { TierRepository } from '../subscriptions/tier-repository';

/**
 * What a fan pays for a post: the server's price for it, less the pay-per-view discount of the tier of their
 * live subscription to its creator (PRODUCT.md, "Subscriptions": a discount on PPV), rounded in the fan's favour.
 */
export class PpvPricing {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly tiers: TierRepository,
  ) {}

  /** The fan's discount with this creator, in basis points: their live subscription's tier's, else 0. */
  async discountBps(q: Queryable, fanId: string, creatorId: string): Promise<number> {
    const subscription = await this.subscriptions.live(q, fanId, creatorId);
    // `live` includes a first payment still under way: no discount before the subscription is paid for.
    if (!subscription || !LIVE_STATUSES.includes(subscription.status)) return 0;
    // The tier may be archived since: its subscribers keep its perks until they leave it.
    return (await this.tiers.find(q, subscription.tierId))?.ppvDiscountBps ?? 0;
  }

  /** A post's price for a fan with this discount. */
  static charge(price: PostPrice, discountBps: number): Amount {
    return withTierDiscount(amount(price.currency, BigInt(price.minor)), discountBps);
  }
}
