import { sql, type Kysely } from 'kysely';
import { describeIssues } from '@shared/domain/input-issues';
import { isDomainError } from '@shared/domain/errors';
import { StaleVersionError } from '@shared/domain/sync/kind';
import {
  NOT_MUTABLE,
  SKIPPED_AFTER_REFUSAL,
  type Mutation,
  type MutationResult,
  type PullPage,
  type PushResponse,
} from '@shared/domain/sync/protocol';
import { isUniqueViolation } from '../../db/postgres-errors';
import type { Database } from '../../db/schema';
import { describeErrorForLog } from '../../logging/error-log';
import type { ActingForPolicy } from '../access/acting-for';
import type { AccountView } from '../accounts/account-service';
import type { AppliedMutationRepository } from './applied-mutation-repository';
import type { ChangeFeed } from './change-feed';
import type { SyncedKindHandler, SyncedKinds } from './synced-kind';

const SKIPPED_MESSAGE = 'Not applied: an earlier change to this item in the same sync was not applied';

// A concurrent duplicate can lose a unique-key race once; the retry then finds the stored result.
const MAX_ATTEMPTS = 3;

/**
 * `sync.push` and `sync.pull`: applies studio outbox mutations of any registered kind exactly once per
 * creator, and pages through a creator's change feed. Neither names a kind.
 */
export class SyncService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly kinds: SyncedKinds,
    private readonly actingFor: ActingForPolicy,
    private readonly applied: AppliedMutationRepository,
    private readonly feed: ChangeFeed,
    /** Where an announcement that failed after its commit is told (the server's log). */
    private readonly log: (line: string) => void = (line) => console.error(line),
  ) {}

  /**
   * Applies each mutation in its own transaction, in order, to `ownerId`'s data. A mutation id seen before gets
   * its stored result (status `duplicate` if it had applied; the same `conflict`/`rejected` answer otherwise).
   * Once an entity's mutation is not applied (conflict or rejected), the entity's later mutations in the
   * request are skipped, not applied: they were made on top of the change the server refused (a publish after
   * a conflicting edit would otherwise publish the server's version, which the creator never approved).
   * Skipped and malformed ones are not stored, so a retry of the request answers the same.
   */
  async push(actor: AccountView, ownerId: string, mutations: readonly Mutation[]): Promise<PushResponse> {
    const scopes = await this.actingFor.assertMayActForAny(actor, ownerId);
    const results: MutationResult[] = [];
    const refused = new Set<string>();
    for (const mutation of mutations) {
      const entityKey = `${mutation.entity}:${mutation.entityId}`;
      const handler = this.kinds.handlerFor(mutation.entity);
      const parsed = handler?.spec.changeSchema?.safeParse(mutation.change);
      let result: MutationResult;
      if (refused.has(entityKey)) {
        result = rejected(mutation, SKIPPED_AFTER_REFUSAL, SKIPPED_MESSAGE);
      } else if (!handler || !parsed) {
        result = rejected(
          mutation,
          NOT_MUTABLE,
          `The server does not take changes to ${mutation.entity} from the studio`,
        );
      } else if (!parsed.success) {
        result = rejected(
          mutation,
          'BAD_REQUEST',
          `The server refused it: ${describeIssues(parsed.error.issues)}`,
        );
      } else if (!scopes.has(handler.scope)) {
        result = rejected(
          mutation,
          'permission_denied',
          `Acting for this creator does not cover ${handler.scope}`,
        );
      } else {
        result = await this.#applyOnce(actor, ownerId, handler, { ...mutation, change: parsed.data });
      }
      if (result.status === 'conflict' || result.status === 'rejected') refused.add(entityKey);
      results.push(result);
    }
    return { results };
  }

  /** A page of the creator's change feed, for whoever may act for them. */
  async pull(actor: AccountView, ownerId: string, after: number, limit: number): Promise<PullPage> {
    await this.actingFor.assertMayActForAny(actor, ownerId);
    return this.feed.pull(ownerId, after, limit);
  }

  async #applyOnce(
    actor: AccountView,
    ownerId: string,
    handler: SyncedKindHandler,
    mutation: Mutation,
  ): Promise<MutationResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        // What a handler wants announced waits for the commit: a failed attempt's is dropped with its writes.
        const { result, afterCommit } = await this.db.transaction().execute(async (trx) => {
          if (!(await this.applied.claim(trx, ownerId, mutation.id))) {
            const stored = await this.applied.storedResult(trx, ownerId, mutation.id);
            return { result: asRetry(stored), afterCommit: undefined };
          }
          const ran = await this.#run(handler, {
            trx,
            actor,
            ownerId,
            entityId: mutation.entityId,
            change: mutation.change,
            mutationId: mutation.id,
          });
          await this.applied.recordResult(trx, ownerId, ran.result);
          return ran;
        });
        if (result.status === 'applied' && result.seq !== null) this.feed.announce(ownerId, result.seq);
        this.#runAfterCommit(mutation, afterCommit);
        return result;
      } catch (err) {
        if (attempt < MAX_ATTEMPTS && isUniqueViolation(err)) continue;
        throw err;
      }
    }
  }

  async #run(
    handler: SyncedKindHandler,
    mutation: Parameters<SyncedKindHandler['apply']>[0],
  ): Promise<{ result: MutationResult; afterCommit: (() => void) | undefined }> {
    const id = mutation.mutationId;
    // A refusal must leave the data as it was, whatever the handler wrote before refusing; the claim stays.
    await sql`SAVEPOINT kind_apply`.execute(mutation.trx);
    try {
      const outcome = await handler.apply(mutation);
      return {
        result: { id, status: 'applied', seq: outcome.seq, version: outcome.version },
        afterCommit: outcome.afterCommit,
      };
    } catch (err) {
      if (!(err instanceof StaleVersionError) && !isDomainError(err)) throw err;
      await sql`ROLLBACK TO SAVEPOINT kind_apply`.execute(mutation.trx);
      const result: MutationResult =
        err instanceof StaleVersionError
          ? { id, status: 'conflict', current: err.current }
          : { id, status: 'rejected', code: err.code, message: err.message };
      return { result, afterCommit: undefined };
    }
  }

  /** The change is committed and answered whatever its announcement does: a failing one is only logged. */
  #runAfterCommit(mutation: Mutation, afterCommit: (() => void) | undefined): void {
    if (!afterCommit) return;
    try {
      afterCommit();
    } catch (error) {
      this.log(
        `sync.push ${mutation.entity} ${mutation.entityId}: announcing after commit failed: ${describeErrorForLog(error)}`,
      );
    }
  }
}

function rejected(mutation: Mutation, code: string, message: string): MutationResult {
  return { id: mutation.id, status: 'rejected', code, message };
}

/** A stored first result as a retry's answer: `duplicate` with the seq and version it had the first time. */
function asRetry(stored: MutationResult): MutationResult {
  if (stored.status !== 'applied') return stored;
  return { id: stored.id, status: 'duplicate', seq: stored.seq, version: stored.version };
}
