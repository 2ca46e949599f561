import type { CreatorScope } from '@shared/domain/accounts/scopes';
import type { Mutation, PushResponse } from '@shared/domain/sync/protocol';
import { ActingForPolicy } from '../services/access/acting-for';
import type { AccountView } from '../services/accounts/account-service';
import { AppliedMutationRepository } from '../services/sync/applied-mutation-repository';
import { SyncService } from '../services/sync/sync-service';
import type { SyncedKinds } from '../services/sync/synced-kind';
import type { TestServer } from './test-server';

/**
 * `sync.push` as a studio manager whose membership grants `scopes` over one creator. Memberships do not exist
 * yet (`ActingForPolicy` answers for creators only), so the policy is stood in for here; the rest is the
 * server's own: its database, its change feed and the kinds' handlers.
 */
export function pushAsManager(
  server: TestServer,
  kinds: SyncedKinds,
  grant: { manager: AccountView; creatorId: string; scopes: readonly CreatorScope[] },
) {
  class Membership extends ActingForPolicy {
    override async scopesOf(actor: AccountView, creatorId: string): Promise<ReadonlySet<CreatorScope>> {
      if (actor.id === grant.manager.id && creatorId === grant.creatorId) return new Set(grant.scopes);
      return super.scopesOf(actor, creatorId);
    }
  }
  const sync = new SyncService(
    server.db,
    kinds,
    new Membership(),
    new AppliedMutationRepository(),
    server.services.feed,
  );
  return (mutations: readonly Mutation[]): Promise<PushResponse> =>
    sync.push(grant.manager, grant.creatorId, mutations);
}
