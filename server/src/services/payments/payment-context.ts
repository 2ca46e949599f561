import type { Clock } from '@shared/domain/clock';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { ActingForPolicy } from '../access/acting-for';
import type { LedgerService } from '../ledger/ledger-service';
import type { FeedOutbox } from '../sync/feed-outbox';
import type { PaymentPurposes } from './payment-purposes';
import type { PaymentRail } from './payment-rail';
import type { PaymentRepository } from './payment-repository';

export interface PaymentServiceDeps {
  readonly db: Kysely<Database>;
  readonly payments: PaymentRepository;
  readonly ledger: LedgerService;
  readonly rail: PaymentRail;
  readonly outbox: FeedOutbox;
  readonly clock: Clock;
  /** The platform's fee, in basis points (1000 = 10%). */
  readonly feeBasisPoints: number;
  /** Who may refund a creator's payments (the creator; managers with the finance scope later). */
  readonly actingFor: ActingForPolicy;
}

/** What the payment service's parts share: its dependencies and the features' purposes registered with it. */
export interface PaymentLedgerContext extends PaymentServiceDeps {
  readonly purposes: PaymentPurposes;
}

/** Group-commit transactions of one kind running at once (the pool holds 10 connections). */
export const BATCHES_IN_FLIGHT = 2;
