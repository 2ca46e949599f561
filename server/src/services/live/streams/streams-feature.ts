import type { FeatureRoutes } from '../../../http/feature-routes';
import type { JobHandler } from '../../scheduler';
import type { SyncedKindHandler } from '../../sync/synced-kind';
import type { LiveDeps } from '../live-deps';
import type { RelayEvents } from '../live-relay';
import type { StreamAccess } from '../stream-access';
import { CreatorStreams } from './creator-streams';
import { StreamAnnouncer } from './stream-announcer';
import { StreamKeyRepository } from './stream-key-repository';
import { StreamLifecycle } from './stream-lifecycle';
import { StreamRepository } from './stream-repository';
import { StreamService } from './stream-service';
import { streamSyncedKind } from './stream-sync';
import { StreamTickets } from './stream-tickets';
import { StreamWatching } from './stream-watching';
import { TicketPayments } from './ticket-payments';

/**
 * The streams part of the live feature: streams and their lifecycle, ingest keys, tickets, who may watch.
 * Tickets are `ticket` payments of the stream's id; their purpose (the purchase of the stream's id written on
 * settle, taken back on a full refund or a dispute) is registered here with the payments service. A second
 * streams part over the same payments service (a test's, beside the server's own) passes
 * `registerTicketPurpose: false`: the service takes one purpose per source.
 */
export function composeStreams(
  deps: LiveDeps,
  options: { readonly registerTicketPurpose?: boolean } = {},
): {
  readonly service: StreamService;
  /** The `live_stream` kind's handler, for the composition root's `SyncedKinds`. */
  readonly syncedKind: SyncedKindHandler;
  readonly watching: StreamWatching;
  readonly tickets: StreamTickets;
  readonly pages: CreatorStreams;
  readonly lifecycle: StreamLifecycle;
  readonly access: StreamAccess;
  readonly relayEvents: RelayEvents;
  readonly jobHandlers: Record<string, JobHandler>;
  readonly routes: readonly FeatureRoutes[];
} {
  const { db, clock, relay } = deps;
  const streams = new StreamRepository(db);
  const keys = new StreamKeyRepository();
  const announcer = new StreamAnnouncer(deps.pubsub);
  const lifecycle = new StreamLifecycle({
    db,
    streams,
    keys,
    jobs: deps.jobs,
    announcer,
    feed: deps.feed,
    relay,
    clock,
  });
  const watching = new StreamWatching({
    db,
    streams,
    accounts: deps.accounts,
    actingFor: deps.actingFor,
    viewerFacts: deps.viewerFacts,
    tiers: deps.tiers,
    clock,
    relay,
    tokens: deps.tokens,
  });
  const tickets = new StreamTickets({
    db,
    streams,
    watching,
    purchases: deps.purchases,
    ticketPayments: new TicketPayments(),
    payments: deps.payments,
    clock,
  });
  if (options.registerTicketPurpose ?? true) deps.payments.register(tickets.purpose());
  const service = new StreamService({
    db,
    streams,
    keys,
    lifecycle,
    announcer,
    actingFor: deps.actingFor,
    feed: deps.feed,
    relay,
    clock,
  });
  return {
    service,
    syncedKind: streamSyncedKind(service),
    watching,
    tickets,
    pages: new CreatorStreams({ db, accounts: deps.accounts, streams, tiers: deps.tiers, watching }),
    lifecycle,
    access: watching,
    relayEvents: lifecycle.relayEvents,
    jobHandlers: lifecycle.jobHandlers(),
    routes: [],
  };
}
