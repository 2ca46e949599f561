import type { Clock } from '@shared/domain/clock';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { ActingForPolicy } from '../access/acting-for';
import type { AccountRepository } from '../accounts/account-repository';
import type { PaymentService } from '../payments/payment-service';
import type { ScheduledJobRepository } from '../scheduler';
import type { PromoRepository } from './promo-repository';
import type { SubscriptionRepository } from './subscription-repository';
import type { TierRepository } from './tier-repository';

/** What `SubscriptionService` is made with; each of its parts reads what it needs from the same object. */
export interface SubscriptionServiceDeps {
  readonly db: Kysely<Database>;
  readonly tiers: TierRepository;
  readonly promos: PromoRepository;
  readonly subscriptions: SubscriptionRepository;
  readonly jobs: ScheduledJobRepository;
  readonly payments: PaymentService;
  readonly accounts: AccountRepository;
  readonly actingFor: ActingForPolicy;
  readonly clock: Clock;
}
