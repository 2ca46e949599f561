import { z } from 'zod';

/**
 * The studio ↔ server sync protocol. It carries opaque entities: the protocol, the outbox, `sync.push`,
 * `sync.pull` and the change feed never look past `entity`; each feature registers its kinds (see
 * `SyncedKindSpec`) with the schema of the changes the studio may ask for.
 *
 * Push: the studio sends outbox mutations to `sync.push`. Each carries a client UUIDv7 (`id`) that is its
 * idempotency key: the server applies a mutation exactly once per creator however often it is retried, and
 * answers a retry with the result it stored the first time.
 *
 * Pull: every accepted change to a creator's data (from the studio, the web or the server itself) appends one
 * entry to that creator's change feed with the next sequence number (monotonic, gap-free per creator). The
 * studio pulls `sync.pull({ after })` from its saved cursor and applies each page in one transaction;
 * `sync.onChange` tells it a new seq exists.
 */

/** An entity kind on the wire: `post`, `profile`, later `tip`, `bid`… */
export const entityKindSchema = z
  .string()
  .regex(/^[a-z][a-z_]{0,39}$/, 'entity must be a kind name (lower-case letters and underscores)');

/** One change the studio asks the server to make to one entity, as the outbox keeps it. */
export interface Mutation<C = unknown> {
  /** UUIDv7 made in the studio: the idempotency key. */
  readonly id: string;
  readonly entity: string;
  readonly entityId: string;
  /** The kind's own change, checked by the kind's `changeSchema` on the server. */
  readonly change: C;
}

export const mutationSchema = z.object({
  id: z.uuid(),
  entity: entityKindSchema,
  entityId: z.uuid(),
  change: z.unknown().refine((change) => change !== undefined, 'change is required'),
});

/** The creator whose data a call acts on; absent: the caller's own account. */
export const actingForSchema = z.object({ creatorId: z.uuid().optional() });

export const MAX_MUTATIONS_PER_PUSH = 100;
export const pushInputSchema = actingForSchema.extend({
  mutations: z.array(mutationSchema).min(1).max(MAX_MUTATIONS_PER_PUSH),
});

/**
 * `applied`: done now. `duplicate`: this id was applied before; `seq`/`version` are the stored first result.
 * `seq` is the change it appended, null when the server had nothing to change (publishing a published post).
 * `version` is the entity's server version right after this mutation: the exact base for the next edit.
 * `conflict`: the entity changed on the server since the mutation's base; `current` is the server's version
 * (the kind's snapshot), and the studio keeps both for the creator to choose. `rejected`: it can never apply
 * (not found, not allowed, malformed); retrying will not help. Once one of an entity's mutations is not
 * applied, its later ones in the same request are `rejected` with code `SKIPPED_AFTER_REFUSAL` and not
 * applied: they build on it.
 */
export const SKIPPED_AFTER_REFUSAL = 'SKIPPED';
/** A mutation for a kind the server does not know, or one only the server writes. */
export const NOT_MUTABLE = 'NOT_MUTABLE';

export type AcceptedResult = {
  readonly id: string;
  readonly status: 'applied' | 'duplicate';
  readonly seq: number | null;
  readonly version: number;
};
export type MutationResult =
  | AcceptedResult
  | { readonly id: string; readonly status: 'conflict'; readonly current: unknown }
  | { readonly id: string; readonly status: 'rejected'; readonly code: string; readonly message: string };

export interface PushResponse {
  readonly results: readonly MutationResult[];
}

/** One entry of a creator's change feed: the entity as the server now has it, or its deletion. */
export interface Change<D = unknown> {
  readonly seq: number;
  readonly entity: string;
  readonly op: 'upsert' | 'delete';
  readonly id: string;
  /** The kind's snapshot for `upsert`; null for `delete`. */
  readonly data: D | null;
}

export const PULL_PAGE_MAX = 5000;
export const pullInputSchema = actingForSchema.extend({
  after: z.number().int().nonnegative(),
  limit: z.number().int().positive().max(PULL_PAGE_MAX).default(1000),
});

export interface PullResponse {
  readonly changes: readonly Change[];
  /** The seq of the last change in `changes`, or `after` when empty. Save it as the new cursor. */
  readonly cursor: number;
  readonly hasMore: boolean;
}

/**
 * What `sync.pull` sends: a `PullResponse` whose changes are one JSON text (an array of `Change`). The
 * database builds that text and it crosses the wire untouched: walking 5,000 changes through the tRPC
 * transformer on both ends cost more than the query itself. `decodePullPage` turns it back.
 */
export interface PullPage {
  readonly changesJson: string;
  readonly cursor: number;
  readonly hasMore: boolean;
}

export function decodePullPage(page: PullPage): PullResponse {
  return { changes: JSON.parse(page.changesJson) as Change[], cursor: page.cursor, hasMore: page.hasMore };
}
