import type { z } from 'zod';
import { ConflictError } from '../errors';

/**
 * What both sides know of one entity kind: its name on the wire, and the changes the studio may ask for.
 * Each feature declares its kinds in `src/shared/domain/<feature>`; the server adds a handler and the studio
 * adds appliers, each in their own feature folder.
 */
export interface SyncedKindSpec<C = unknown> {
  readonly entity: string;
  /**
   * The changes the studio may push, or null for kinds only the server writes (money, entitlements, bids,
   * fans' messages): those reach the studio through the same feed, read-only.
   */
  readonly changeSchema: z.ZodType<C> | null;
}

/** Declares a kind the studio may change. */
export function mutableKind<C>(entity: string, changeSchema: z.ZodType<C>): SyncedKindSpec<C> {
  return { entity, changeSchema };
}

/** Declares a kind only the server writes. */
export function serverOnlyKind(entity: string): SyncedKindSpec<never> {
  return { entity, changeSchema: null };
}

/**
 * A change based on an old version of an entity: `current` is the server's version now (the kind's snapshot),
 * which sync hands back to the studio as a conflict for the creator to settle.
 */
export class StaleVersionError<S = unknown> extends ConflictError {
  constructor(
    readonly current: S,
    what: string,
    version: number,
  ) {
    super(`The ${what} changed on the server (now version ${version}); reload it and try again`);
  }
}
