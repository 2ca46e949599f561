import type { Kysely } from 'kysely';
import type { Clock } from '@shared/domain/clock';
import type { PubSub } from '../../adapters/pubsub';
import type { Database } from '../../db/schema';
import type { ActingForPolicy } from '../access/acting-for';
import type { ViewerFactsService } from '../access/viewer-facts';
import type { AccountRepository } from '../accounts/account-repository';
import type { PaymentService } from '../payments/payment-service';
import type { PurchaseRepository } from '../purchases/purchase-repository';
import type { ScheduledJobRepository } from '../scheduler';
import type { TierRepository } from '../subscriptions/tier-repository';
import type { ChangeFeed } from '../sync/change-feed';
import type { FeedOutbox } from '../sync/feed-outbox';
import type { TipService } from '../tips/tip-service';
import type { LiveRelay, PlaybackTokens } from './live-relay';

/** What the live feature's parts (streams, chat) are given by the composition root. */
export interface LiveDeps {
  readonly db: Kysely<Database>;
  readonly pubsub: PubSub;
  readonly feed: ChangeFeed;
  readonly outbox: FeedOutbox;
  readonly actingFor: ActingForPolicy;
  readonly accounts: AccountRepository;
  readonly viewerFacts: ViewerFactsService;
  readonly tiers: TierRepository;
  readonly purchases: PurchaseRepository;
  readonly payments: PaymentService;
  readonly tips: TipService;
  readonly jobs: ScheduledJobRepository;
  readonly clock: Clock;
  /** The RTMP relay and its playback tokens; null where the server runs without one (most tests). */
  readonly relay: LiveRelay | null;
  readonly tokens: PlaybackTokens | null;
}
