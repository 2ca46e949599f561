import { v7 } from 'uuid';

/**
 * Ids are UUIDv7: time-ordered, so rows sort by creation and indexes stay compact, and random enough to be
 * generated offline in the studio without asking the server. Every id the studio and the server make comes
 * from `newId`. `uuid`'s v7 uses `crypto.getRandomValues`, a global in browsers and Node 20, and keeps ids made
 * within one millisecond in increasing order.
 */

/** A fresh UUIDv7, lowercase; later calls in the same process sort after earlier ones. */
export function newId(): string {
  return v7();
}
