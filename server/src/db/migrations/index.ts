import type { Migration } from 'kysely';
import { migration0001Initial } from './0001-initial';
import { migration0002ProfilesAndFeedCounters } from './0002-profiles-and-feed-counters';
import { migration0003PasswordResets } from './0003-password-resets';
import { migration0004ScheduledJobs } from './0004-scheduled-jobs';
import { migration0005LedgerAndPayments } from './0005-ledger-and-payments';
import { migration0006Subscriptions } from './0006-subscriptions';
import { migration0007PostPrices } from './0007-post-prices';
import { migration0008OfferVersions } from './0008-offer-versions';
import { migration0009Media } from './0009-media';
import { migration0010Live } from './0010-live';
import { migration0011TicketPayments } from './0011-ticket-payments';

/**
 * Every migration, in order. Names are `NNNN-what`; a released migration is never edited: change the schema
 * with a new one.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': migration0001Initial,
  '0002-profiles-and-feed-counters': migration0002ProfilesAndFeedCounters,
  '0003-password-resets': migration0003PasswordResets,
  '0004-scheduled-jobs': migration0004ScheduledJobs,
  '0005-ledger-and-payments': migration0005LedgerAndPayments,
  '0006-subscriptions': migration0006Subscriptions,
  '0007-post-prices': migration0007PostPrices,
  '0008-offer-versions': migration0008OfferVersions,
  '0009-media': migration0009Media,
  '0010-live': migration0010Live,
  '0011-ticket-payments': migration0011TicketPayments,
};
