import type { Clock } from '@shared/domain/clock';
import type { PubSub } from '../../../../adapters/pubsub';
import type { TestServer } from '../../../../test/test-server';
import { ViewerFactsService } from '../../../access/viewer-facts';
import { AccountRepository } from '../../../accounts/account-repository';
import { PurchaseRepository } from '../../../purchases/purchase-repository';
import { ScheduledJobRepository } from '../../../scheduler';
import { TierRepository } from '../../../subscriptions/tier-repository';
import { composeStreams } from '../streams-feature';
import { RecordingRelay, RecordingTokens } from './recording-relay';

/**
 * The streams part over a running test server's database and services, with the recording relay doubles in
 * place of the real relay (the test server runs none). `pubsub` should be the one the server was started with, and `clock` its clock.
 * Tickets it sells settle through the server's own ticket purpose (registered once per payments service).
 */
export function streamsWithRelay(server: TestServer, pubsub: PubSub, clock: Clock) {
  const relay = new RecordingRelay();
  const tokens = new RecordingTokens();
  const { services, db } = server;
  const streams = composeStreams(
    {
      db,
      pubsub,
      feed: services.feed,
      outbox: services.outbox,
      actingFor: services.actingFor,
      accounts: new AccountRepository(db),
      viewerFacts: new ViewerFactsService(db),
      tiers: new TierRepository(),
      purchases: new PurchaseRepository(),
      payments: services.payments,
      tips: services.tips,
      jobs: new ScheduledJobRepository(db),
      clock,
      relay,
      tokens,
    },
    { registerTicketPurpose: false },
  );
  return { streams, relay, tokens };
}
