import type { AccessRule } from '@shared/domain/access/rule';
import type { LocalPost } from '@shared/domain/posts/local-post';
import type { SyncState } from '@shared/domain/sync/local-state';
import type { PostPrice, PostSnapshot, PostStatus } from '@shared/domain/posts/post';

/** A `posts` row as SQLite returns it. */
export interface PostRow {
  id: string;
  creator_id: string;
  title: string;
  body: string;
  access_rule: string;
  /** The pay-per-view price: both null when the post is not for sale. */
  price_currency: PostPrice['currency'] | null;
  price_minor: string | null;
  status: PostStatus;
  version: number;
  confirmed_version: number | null;
  published_at: string | null;
  created_at: string;
  updated_at: string;
  deleted: number;
  sync_state: SyncState;
  sync_error: string | null;
  server_copy: string | null;
}

/** The version the server will have once the first mutation of a post (its create) applies. */
export { FIRST_SERVER_VERSION } from '../sync/outbox';

export function toLocalPost(row: PostRow): LocalPost {
  return {
    id: row.id,
    creatorId: row.creator_id,
    title: row.title,
    body: row.body,
    accessRule: JSON.parse(row.access_rule) as AccessRule,
    price: rowPrice(row),
    status: row.status,
    version: row.version,
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    syncState: row.sync_state,
    syncError: row.sync_error,
    // The server's copy matters to the creator only when they must choose between the two.
    serverVersion: row.sync_state === 'conflict' && row.server_copy ? parseSnapshot(row.server_copy) : null,
  };
}

/** A row's price columns as the shared `PostPrice` (null: not for sale). */
export function rowPrice(row: Pick<PostRow, 'price_currency' | 'price_minor'>): PostPrice | null {
  return row.price_currency === null || row.price_minor === null
    ? null
    : { currency: row.price_currency, minor: row.price_minor };
}

/** The price columns of a price (both null when there is none). */
export function priceColumns(price: PostPrice | null | undefined) {
  return { price_currency: price?.currency ?? null, price_minor: price?.minor ?? null };
}

export function parseSnapshot(json: string): PostSnapshot {
  return JSON.parse(json) as PostSnapshot;
}

/** The named parameters of a row written from a server snapshot, as synced. */
export function snapshotParams(post: PostSnapshot) {
  return {
    id: post.id,
    creator_id: post.creatorId,
    title: post.title,
    body: post.body,
    access_rule: JSON.stringify(post.accessRule),
    // A snapshot from before posts had prices has none.
    ...priceColumns(post.price),
    status: post.status,
    version: post.version,
    published_at: post.publishedAt,
    created_at: post.createdAt,
    updated_at: post.updatedAt,
  };
}
