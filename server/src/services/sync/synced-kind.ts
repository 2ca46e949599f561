import type { CreatorScope } from '@shared/domain/accounts/scopes';
import type { SyncedKindSpec } from '@shared/domain/sync/kind';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { AccountView } from '../accounts/account-service';

/** One mutation for a kind's handler, already parsed by the kind's schema and authorized for its scope. */
export interface KindMutation<C> {
  readonly trx: Transaction<Database>;
  readonly actor: AccountView;
  /** The creator whose data it changes: the feed it appends to. */
  readonly ownerId: string;
  readonly entityId: string;
  readonly change: C;
  readonly mutationId: string;
}

/** What a handler reports: the seq it appended (null: nothing changed) and the entity's version after it. */
export interface KindOutcome {
  readonly seq: number | null;
  readonly version: number;
  /**
   * What to tell the rest of the server (fans, relays, other instances) about the change: run once the push's
   * transaction has committed, never when it rolls back (a notice of a change that did not happen cannot be
   * taken back). One that throws is logged; the push's answer stands.
   */
  readonly afterCommit?: () => void;
}

/**
 * A feature's server side of one entity kind. `apply` validates the change against the entity, applies it
 * and appends to the owner's change feed, all in `trx`, and announces nothing itself: announcements go in
 * the outcome's `afterCommit`. It refuses by throwing a DomainError (a `StaleVersionError` becomes a
 * conflict the studio shows). Kinds only the server writes register no handler:
 * their changes reach the studio through the feed, read-only.
 */
export interface SyncedKindHandler<C = unknown> {
  readonly spec: SyncedKindSpec<C>;
  /** The scope acting for the owner needs (a studio manager's membership grants scopes per creator). */
  readonly scope: CreatorScope;
  apply(mutation: KindMutation<C>): Promise<KindOutcome>;
}

/** Declares a handler with its change type checked against its spec. */
export function syncedKind<C>(handler: SyncedKindHandler<C>): SyncedKindHandler {
  return handler as SyncedKindHandler;
}

/** Every kind the studio may change, by name: `sync.push` looks a mutation's handler up here and nowhere else. */
export class SyncedKinds {
  readonly #handlers = new Map<string, SyncedKindHandler>();

  constructor(handlers: readonly SyncedKindHandler[]) {
    for (const handler of handlers) {
      if (!handler.spec.changeSchema) {
        throw new Error(`${handler.spec.entity} is written by the server only: it takes no handler`);
      }
      if (this.#handlers.has(handler.spec.entity)) {
        throw new Error(`Two handlers for the entity kind ${handler.spec.entity}`);
      }
      this.#handlers.set(handler.spec.entity, handler);
    }
  }

  /** The handler of a kind the studio may change, or undefined (unknown, or written by the server only). */
  handlerFor(entity: string): SyncedKindHandler | undefined {
    return this.#handlers.get(entity);
  }
}
