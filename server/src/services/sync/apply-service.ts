import { sql, type Kysely, type Transaction } from 'kysely';
import { isDomainError, PermissionDeniedError } from '@shared/domain/errors';
import {
  SKIPPED_AFTER_REFUSAL,
  type ApplyResponse,
  type Mutation,
  type MutationResult,
} from '@shared/domain/sync/protocol';
import { isUniqueViolation } from '../../db/postgres-errors';
import type { Database } from '../../db/schema';
import type { AccountView } from '../accounts/account-service';
import { PostVersionConflictError } from '../posts/post-errors';
import type { PostCommand, PostService } from '../posts/post-service';
import type { ChangeFeed } from './change-feed';

const SKIPPED_MESSAGE = 'Not applied: an earlier change to this post in the same sync was not applied';

// A concurrent duplicate can lose a unique-key race once; the retry then finds the stored result.
const MAX_ATTEMPTS = 3;

/** Applies studio outbox mutations exactly once per account, through the one PostService. */
export class ApplyService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly posts: PostService,
    private readonly feed: ChangeFeed,
  ) {}

  /**
   * Applies each mutation in its own transaction, in order. A mutation id seen before gets its stored result
   * (status `duplicate` if it had applied; the same `conflict`/`rejected` answer otherwise). Once a post's
   * mutation is not applied (conflict or rejected), the post's later mutations in the request are skipped,
   * not applied: they were made on top of the change the server refused (a publish after a conflicting edit
   * would otherwise publish the server's version, which the creator never approved). Skipped ones are not
   * stored, so a retry of the request answers the same.
   */
  async apply(actor: AccountView, mutations: readonly Mutation[]): Promise<ApplyResponse> {
    if (actor.role !== 'creator') throw new PermissionDeniedError('Only creator accounts can sync posts');
    const results: MutationResult[] = [];
    const refusedPosts = new Set<string>();
    for (const mutation of mutations) {
      if (refusedPosts.has(mutation.postId)) {
        results.push({
          id: mutation.id,
          status: 'rejected',
          code: SKIPPED_AFTER_REFUSAL,
          message: SKIPPED_MESSAGE,
        });
        continue;
      }
      const result = await this.#applyOnce(actor, mutation);
      if (result.status === 'conflict' || result.status === 'rejected') refusedPosts.add(mutation.postId);
      results.push(result);
    }
    return { results };
  }

  async #applyOnce(actor: AccountView, mutation: Mutation): Promise<MutationResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.db.transaction().execute(async (trx) => {
          // Claim the id first: a concurrent retry of the same mutation waits here until we commit, then
          // finds the stored result instead of applying it a second time.
          const claimed = await trx
            .insertInto('applied_mutations')
            .values({ account_id: actor.id, mutation_id: mutation.id, result: 'null' })
            .onConflict((oc) => oc.columns(['account_id', 'mutation_id']).doNothing())
            .returning('mutation_id')
            .executeTakeFirst();
          if (!claimed) {
            const stored = await trx
              .selectFrom('applied_mutations')
              .select('result')
              .where('account_id', '=', actor.id)
              .where('mutation_id', '=', mutation.id)
              .executeTakeFirstOrThrow();
            return { result: asRetry(stored.result as MutationResult), fresh: false };
          }
          const result = await this.#run(trx, actor, mutation);
          await trx
            .updateTable('applied_mutations')
            .set({ result: JSON.stringify(result), applied_at: sql`now()` })
            .where('account_id', '=', actor.id)
            .where('mutation_id', '=', mutation.id)
            .execute();
          return { result, fresh: true };
        });
        if (result.fresh && result.result.status === 'applied' && result.result.seq !== null) {
          this.feed.announce(actor.id, result.result.seq);
        }
        return result.result;
      } catch (err) {
        if (attempt < MAX_ATTEMPTS && isUniqueViolation(err)) continue;
        throw err;
      }
    }
  }

  async #run(trx: Transaction<Database>, actor: AccountView, mutation: Mutation): Promise<MutationResult> {
    try {
      const outcome = await this.posts.executeIn(trx, actor, toCommand(mutation), mutation.id);
      return { id: mutation.id, status: 'applied', seq: outcome.seq, version: outcome.post.version };
    } catch (err) {
      if (err instanceof PostVersionConflictError) {
        return { id: mutation.id, status: 'conflict', current: err.current };
      }
      if (isDomainError(err)) {
        return { id: mutation.id, status: 'rejected', code: err.code, message: err.message };
      }
      throw err;
    }
  }
}

/** A stored first result as a retry's answer: `duplicate` with the seq and version it had the first time. */
function asRetry(stored: MutationResult): MutationResult {
  if (stored.status !== 'applied') return stored;
  return { id: stored.id, status: 'duplicate', seq: stored.seq, version: stored.version };
}

function toCommand(mutation: Mutation): PostCommand {
  switch (mutation.type) {
    case 'post.create':
      return { type: 'create', postId: mutation.postId, draft: mutation.draft };
    case 'post.update':
      return {
        type: 'update',
        postId: mutation.postId,
        baseVersion: mutation.baseVersion,
        draft: mutation.draft,
      };
    case 'post.publish':
      return { type: 'publish', postId: mutation.postId };
    case 'post.unpublish':
      return { type: 'unpublish', postId: mutation.postId };
    case 'post.delete':
      return { type: 'delete', postId: mutation.postId };
  }
}
