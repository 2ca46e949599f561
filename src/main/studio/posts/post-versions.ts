import { POST_KIND, type PostChange } from '@shared/domain/posts/post-sync';
import type { AcceptedResult } from '@shared/domain/sync/protocol';
import type { Outbox } from '../sync/outbox';

/**
 * The server version the creator's copy of a post is based on once the server accepted `mutation`, given
 * `before`, the one it was based on until then. Normally the version the server answered. A publish or
 * unpublish does not check versions, so its answer may include someone else's change made in between; the
 * studio then keeps an older base, so its next edit meets a conflict instead of overwriting that change.
 * The one change it can rule harmless: a no-op after exactly one other change, which can only have been the
 * same status change (it flipped the status the creator's copy had).
 */
export function confirmedVersion(change: PostChange, result: AcceptedResult, before: number | null): number {
  const known = result.version;
  if (change.type === 'create' || change.type === 'update') return known;
  const base = before ?? 0;
  const predicted = base + (result.seq === null ? 0 : 1);
  const serverBefore = result.seq === null ? known : known - 1;
  const harmless = serverBefore === base || (result.seq === null && serverBefore === base + 1);
  return harmless ? known : predicted;
}

/**
 * Bases the post's waiting mutations on `confirmed`: the first waiting update gets it as `baseVersion`
 * exactly, later ones a prediction (+1 per mutation) that is corrected in turn as each answer arrives.
 * Returns the version the post will have once all of them apply, as predicted now.
 */
export function rebaseWaiting(outbox: Outbox, postId: string, confirmed: number): number {
  return outbox.rebaseWaiting<PostChange>(POST_KIND.entity, postId, confirmed, (change) =>
    change.type === 'create' || change.type === 'update' ? change.type : 'other',
  );
}

/**
 * Whether the server's answer to a change decides the base of a later update of the same post: its version
 * is certain only for a create (1) or an applied update (base + 1); a publish, unpublish or delete may be a
 * no-op. The engine ends a batch before an update that waits on such an answer.
 */
export function answerSetsBase(change: PostChange): boolean {
  return change.type === 'publish' || change.type === 'unpublish' || change.type === 'delete';
}
