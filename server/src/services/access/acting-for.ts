import { PermissionDeniedError } from '@shared/domain/errors';
import { CREATOR_SCOPES, type CreatorScope } from '@shared/domain/accounts/scopes';
import type { AccountView } from '../accounts/account-service';

const EVERY_SCOPE: ReadonlySet<CreatorScope> = new Set(CREATOR_SCOPES);
const NONE: ReadonlySet<CreatorScope> = new Set();

/**
 * Who may act for which creator: the one authorization check every use case that writes or reads a
 * creator's own data goes through (procedures pass the actor and the creator acted for separately). Today a
 * creator acts for themselves in every scope; studio managers will act within the scopes their memberships
 * grant, per creator, by answering `scopesOf` from their memberships here and nowhere else.
 */
export class ActingForPolicy {
  /** The scopes `actor` holds over `creatorId`'s account (empty: none at all). */
  async scopesOf(actor: AccountView, creatorId: string): Promise<ReadonlySet<CreatorScope>> {
    return actor.id === creatorId && actor.role === 'creator' ? EVERY_SCOPE : NONE;
  }

  /** Refuses with PermissionDeniedError unless `actor` may act for `creatorId` in `scope`. */
  async assertMayActFor(actor: AccountView, creatorId: string, scope: CreatorScope): Promise<void> {
    const scopes = await this.scopesOf(actor, creatorId);
    if (!scopes.has(scope)) throw notAllowed(actor, creatorId);
  }

  /** Refuses unless `actor` may act for `creatorId` in at least one scope (reading their change feed). */
  async assertMayActForAny(actor: AccountView, creatorId: string): Promise<ReadonlySet<CreatorScope>> {
    const scopes = await this.scopesOf(actor, creatorId);
    if (scopes.size === 0) throw notAllowed(actor, creatorId);
    return scopes;
  }
}

function notAllowed(actor: AccountView, creatorId: string): PermissionDeniedError {
  return new PermissionDeniedError(
    actor.id === creatorId
      ? 'Only creator accounts can do this'
      : "You cannot act for this creator's account",
  );
}
