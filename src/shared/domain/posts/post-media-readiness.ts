import type { MediaStatus } from '../media/media';

/** What the server holds of one item a post names; an id it does not hold (not uploaded yet) has none. */
export interface MediaFact {
  readonly id: string;
  readonly creatorId: string;
  readonly status: MediaStatus;
}

/** A post's media, counted by what stands between it and publishing. */
export interface MediaReadiness {
  readonly total: number;
  readonly ready: number;
  /** Not on the server yet, uploading or processing: ready in a while, with nothing for the creator to do. */
  readonly pending: number;
  /** Processing failed: the creator uploads the item again or takes it out of the post. */
  readonly failed: number;
  /** Another creator's item: never publishable in this post. */
  readonly foreign: number;
}

/** Counts `mediaIds` (a post's items) by what `found` (the items the server holds among them) says of each. */
export function mediaReadiness(
  creatorId: string,
  mediaIds: readonly string[],
  found: readonly MediaFact[],
): MediaReadiness {
  const byId = new Map(found.map((item) => [item.id, item]));
  const counts = { total: mediaIds.length, ready: 0, pending: 0, failed: 0, foreign: 0 };
  for (const id of mediaIds) {
    const item = byId.get(id);
    if (!item) counts.pending += 1;
    else if (item.creatorId !== creatorId) counts.foreign += 1;
    else if (item.status === 'uploading' || item.status === 'processing') counts.pending += 1;
    else if (item.status === 'failed') counts.failed += 1;
    else counts.ready += 1;
  }
  return counts;
}

/** Whether every item may go out now. */
export const allMediaReady = (readiness: MediaReadiness): boolean => readiness.ready === readiness.total;

const items = (n: number) => (n === 1 ? '1 media item' : `${n} media items`);
const isAre = (n: number) => (n === 1 ? 'is' : 'are');

/**
 * Why a post cannot go out yet, in words a creator can act on (null: it can). The item's own problem comes
 * first: another creator's item and a failed one need the creator, a pending one only time.
 */
export function mediaNotReadyMessage(readiness: MediaReadiness): string | null {
  if (allMediaReady(readiness)) return null;
  if (readiness.foreign > 0) {
    return `${items(readiness.foreign)} in this post ${isAre(readiness.foreign)} another creator's: remove ${readiness.foreign === 1 ? 'it' : 'them'} from the post`;
  }
  if (readiness.failed > 0) {
    return `${items(readiness.failed)} could not be processed: upload ${readiness.failed === 1 ? 'it' : 'them'} again or remove ${readiness.failed === 1 ? 'it' : 'them'} from the post`;
  }
  return `${readiness.pending} of ${items(readiness.total)} ${isAre(readiness.pending)} still uploading or processing: publish when ${readiness.pending === 1 ? 'it is' : 'they are'} ready, or schedule the post and it goes out once ${readiness.pending === 1 ? 'it is' : 'they are'}`;
}
