import type { Mutation } from '@shared/domain/sync/protocol';
import { entityKey } from './outbox';

/** What the batch decision needs to know of a kind: whether an answer sets, or a mutation uses, a base. */
export interface BaseDependency {
  answerSetsBase?(mutation: Mutation): boolean;
  usesBase?(mutation: Mutation): boolean;
}

/**
 * The leading mutations of `mutations` that can go in one request: it ends before a mutation whose base
 * depends on the answer to an earlier mutation of the same entity in the batch (a publish may be a no-op, so
 * the edit after it must wait for the exact version). Kinds without these hooks never end a batch.
 */
export function sendableBatch(
  mutations: readonly Mutation[],
  kindOf: (entity: string) => BaseDependency | undefined,
): Mutation[] {
  const awaitingAnswer = new Set<string>();
  const batch: Mutation[] = [];
  for (const mutation of mutations) {
    const kind = kindOf(mutation.entity);
    const key = entityKey(mutation.entity, mutation.entityId);
    if (kind?.usesBase?.(mutation) && awaitingAnswer.has(key)) break;
    if (kind?.answerSetsBase?.(mutation)) awaitingAnswer.add(key);
    batch.push(mutation);
  }
  return batch;
}
