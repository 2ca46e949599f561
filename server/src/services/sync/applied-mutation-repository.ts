import type { MutationResult } from '@shared/domain/sync/protocol';
import type { Queryable } from '../../db/queryable';

/** The `applied_mutations` table: the first result of every mutation id, per creator, for idempotent retries. */
export class AppliedMutationRepository {
  /**
   * Claims a mutation id for this attempt; false when it was claimed before. A concurrent retry of the same
   * mutation waits on the claim until the first attempt commits, then finds its stored result.
   */
  async claim(trx: Queryable, ownerId: string, mutationId: string): Promise<boolean> {
    const claimed = await trx
      .insertInto('applied_mutations')
      .values({ account_id: ownerId, mutation_id: mutationId, result: 'null' })
      .onConflict((oc) => oc.columns(['account_id', 'mutation_id']).doNothing())
      .returning('mutation_id')
      .executeTakeFirst();
    return claimed !== undefined;
  }

  async storedResult(trx: Queryable, ownerId: string, mutationId: string): Promise<MutationResult> {
    const stored = await trx
      .selectFrom('applied_mutations')
      .select('result')
      .where('account_id', '=', ownerId)
      .where('mutation_id', '=', mutationId)
      .executeTakeFirstOrThrow();
    return stored.result as MutationResult;
  }

  async recordResult(trx: Queryable, ownerId: string, result: MutationResult): Promise<void> {
    await trx
      .updateTable('applied_mutations')
      .set({ result: JSON.stringify(result) })
      .where('account_id', '=', ownerId)
      .where('mutation_id', '=', result.id)
      .execute();
  }
}
