import { z } from 'zod';
import { postDraftSchema, type PostSnapshot } from '../posts/post';

/**
 * The studio ↔ server sync protocol.
 *
 * Push: the studio sends outbox mutations to `sync.push` (input `applyInputSchema`, output `ApplyResponse`;
 * tRPC reserves `apply` as a procedure name, so `sync.apply` in older notes means `sync.push`). Each carries
 * a client UUIDv7 (`id`) that is its idempotency key: the server applies a mutation exactly once per account
 * however often it is retried, and answers a retry with the result it stored the first time.
 *
 * Pull: every accepted change to an account's data appends one entry to that account's change feed with
 * the next sequence number (monotonic, gap-free per account). The studio pulls `sync.pull({ after })` from
 * its saved cursor and applies the page in one transaction; `sync.onChange` tells it a new seq exists.
 */
const uuid = z.uuid();

export const mutationSchema = z.discriminatedUnion('type', [
  z.object({ id: uuid, type: z.literal('post.create'), postId: uuid, draft: postDraftSchema }),
  z.object({
    id: uuid,
    type: z.literal('post.update'),
    postId: uuid,
    baseVersion: z.number().int().nonnegative(),
    draft: postDraftSchema,
  }),
  z.object({ id: uuid, type: z.literal('post.publish'), postId: uuid }),
  z.object({ id: uuid, type: z.literal('post.unpublish'), postId: uuid }),
  z.object({ id: uuid, type: z.literal('post.delete'), postId: uuid }),
]);
export type Mutation = z.infer<typeof mutationSchema>;
export type MutationType = Mutation['type'];

export const MAX_MUTATIONS_PER_APPLY = 100;
export const applyInputSchema = z.object({
  mutations: z.array(mutationSchema).min(1).max(MAX_MUTATIONS_PER_APPLY),
});

/**
 * `applied`: done now. `duplicate`: this id was applied before; `seq`/`version` are the stored first result.
 * `seq` is the change it appended, null when the server had nothing to change (publish of a published post,
 * unpublish of a draft, delete of a deleted post). `version` is the post's server version right after this
 * mutation: the exact base for the creator's next edit, where a prediction (+1 per mutation) is wrong after a
 * no-op.
 * `conflict`: the post changed on the server since `baseVersion`; `current` is the server's version, and
 * the studio keeps both for the creator to choose. `rejected`: it can never apply (e.g. not found,
 * not the owner); retrying will not help. Once one of a post's mutations is not applied, its later ones in
 * the same request are `rejected` with code `SKIPPED_AFTER_REFUSAL` and not applied: they build on it.
 */
export const SKIPPED_AFTER_REFUSAL = 'SKIPPED';

export type MutationResult =
  | {
      readonly id: string;
      readonly status: 'applied' | 'duplicate';
      readonly seq: number | null;
      readonly version: number;
    }
  | { readonly id: string; readonly status: 'conflict'; readonly current: PostSnapshot }
  | { readonly id: string; readonly status: 'rejected'; readonly code: string; readonly message: string };

export interface ApplyResponse {
  readonly results: readonly MutationResult[];
}

export type Change =
  | {
      readonly seq: number;
      readonly entity: 'post';
      readonly op: 'upsert';
      readonly id: string;
      readonly data: PostSnapshot;
    }
  | {
      readonly seq: number;
      readonly entity: 'post';
      readonly op: 'delete';
      readonly id: string;
      readonly data: null;
    };

export const PULL_PAGE_MAX = 5000;
export const pullInputSchema = z.object({
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
