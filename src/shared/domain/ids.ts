import { v7 } from 'uuid';
import { ValidationError } from './errors';

/**
 * Ids are UUIDv7: time-ordered, so rows sort by creation and indexes stay compact, and random enough to be
 * generated offline in the studio without asking the server. `uuid`'s v7 uses `crypto.getRandomValues`, a global
 * in browsers and Node 20, and keeps ids made within one millisecond in increasing order.
 */

const UUID_V7_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** A fresh UUIDv7, lowercase; later calls in the same process sort after earlier ones. */
export function newId(): string {
  return v7();
}

export function isUuidV7(s: unknown): s is string {
  return typeof s === 'string' && UUID_V7_PATTERN.test(s);
}

/** The millisecond a UUIDv7 was made at (its first 48 bits); throws ValidationError for anything else. */
export function idTimestamp(id: string): Date {
  if (!isUuidV7(id)) throw new ValidationError('not a UUIDv7', 'id');
  const ms = Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
  return new Date(ms);
}
