import type Database from 'better-sqlite3';
import type { Mutation, MutationResult } from '@shared/domain/sync/protocol';
import { entityKey, type Outbox } from './outbox';
import type { ChangedIds } from './apply-page';
import type { StudioKinds } from './synced-kind';

/**
 * Records the server's answers to a pushed batch, in one transaction. The outbox's part is the same for every
 * kind: an accepted mutation leaves it; a refused one (conflict or rejected) leaves it with its entity's
 * later mutations, which were built on it. Then the mutation's kind updates its own rows. Returns the ids
 * whose rows may have changed, per kind.
 */
export function applyAnswers(
  db: Database.Database,
  outbox: Outbox,
  kinds: StudioKinds,
  sent: readonly Mutation[],
  results: readonly MutationResult[],
): ChangedIds {
  const byId = new Map(sent.map((m) => [m.id, m]));
  const changed: ChangedIds = new Map();
  db.transaction(() => {
    // Entities whose mutation the server did not apply in this batch: the earlier answer settled them.
    const refused = new Set<string>();
    for (const result of results) {
      const mutation = byId.get(result.id);
      if (!mutation) continue;
      const key = entityKey(mutation.entity, mutation.entityId);
      if (refused.has(key)) {
        outbox.reject(mutation.id);
        continue;
      }
      if (result.status === 'applied' || result.status === 'duplicate') {
        outbox.ack(mutation.id);
      } else {
        refused.add(key);
        outbox.reject(mutation.id);
        outbox.dropFor(mutation.entity, mutation.entityId);
      }
      kinds.get(mutation.entity)?.applyResult?.(mutation, result);
      let ids = changed.get(mutation.entity);
      if (!ids) changed.set(mutation.entity, (ids = []));
      ids.push(mutation.entityId);
    }
  })();
  return changed;
}
