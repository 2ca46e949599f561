import { NotFoundError } from '@shared/domain/errors';
import type { AccountView } from '../accounts/account-service';
import type { SubscriptionServiceDeps } from './subscription-context';
import type { SubscriptionRecord } from './subscription-repository';
import { toSubscriptionView, toTierView, type MySubscriptionView, type TierView } from './subscription-views';

/** What fans read: a creator's tiers, their own subscriptions, each named with its creator and tier. */
export class SubscriptionReads {
  constructor(private readonly deps: SubscriptionServiceDeps) {}

  /** A creator's tiers as fans see them (creators manage theirs with TierService and PromoService). */
  async tiersOf(handle: string): Promise<TierView[]> {
    const creatorId = await this.creatorId(handle);
    return (await this.deps.tiers.ofCreator(this.deps.db, creatorId)).map(toTierView);
  }

  /** The fan's subscriptions with their creators and tiers named, for "my subscriptions". */
  async mine(fan: AccountView): Promise<MySubscriptionView[]> {
    return Promise.all((await this.deps.subscriptions.ofFan(this.deps.db, fan.id)).map((s) => this.named(s)));
  }

  /** A subscription as the fan sees it, with its creator and tier named. */
  async named(s: SubscriptionRecord): Promise<MySubscriptionView> {
    const { db, accounts, tiers } = this.deps;
    const [creator, tier] = await Promise.all([
      accounts.findCreatorById(db, s.creatorId),
      tiers.find(db, s.tierId),
    ]);
    return {
      ...toSubscriptionView(s),
      creator: { handle: creator?.handle ?? '', displayName: creator?.display_name ?? '' },
      tierName: tier?.name ?? '',
    };
  }

  async creatorId(handle: string): Promise<string> {
    const row = await this.deps.accounts.findCreatorByHandle(handle.toLowerCase());
    if (!row) throw new NotFoundError(`No creator @${handle}`);
    return row.id;
  }
}
