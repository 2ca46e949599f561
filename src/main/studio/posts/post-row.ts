import type { AccessRule } from '@shared/domain/access/rule';
import type { LocalPost } from '@shared/domain/posts/local-post';
import type { SyncState } from '@shared/domain/sync/local-state';
import {
  priceOf,
  type PostMedia,
  type PostPrice,
  type PostSnapshot,
  type PostStatus,
} from '@shared/domain/posts/post';

/** A `posts` row as SQLite returns it, with its `post_media` rows beside it. */
export interface PostRow {
  id: string;
  creator_id: string;
  title: string;
  body: string;
  access_rule: string;
  /** The pay-per-view price: both null when the post is not for sale. */
  price_currency: PostPrice['currency'] | null;
  price_minor: string | null;
  /** When a scheduled post goes out, when it is hidden again (ISO instants), and the zone they were chosen in. */
  publish_at: string | null;
  expires_at: string | null;
  time_zone: string | null;
  /**
   * The post's media in order as JSON (`[{"mediaId","caption"}]`): not a column of `posts` but its `post_media`
   * rows, read with it and written with it (the set replaced) by `PostTable`.
   */
  media: string;
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
    media: rowMedia(row),
    publishAt: row.publish_at,
    expiresAt: row.expires_at,
    timeZone: row.time_zone,
    status: row.status,
    version: row.version,
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    syncState: row.sync_state,
    syncError: row.sync_error,
    // The server's copy matters to the creator only when they must choose between the two.
    serverVersion:
      row.sync_state === 'conflict' && row.server_copy ? fullSnapshot(parseSnapshot(row.server_copy)) : null,
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

/** A row's media in order. */
export function rowMedia(row: Pick<PostRow, 'media'>): PostMedia[] {
  return JSON.parse(row.media) as PostMedia[];
}

/** The `media` of a row holding these items, in this order (only `mediaId` and `caption` are kept). */
export function mediaColumn(media: readonly PostMedia[] | undefined): string {
  return JSON.stringify((media ?? []).map(({ mediaId, caption }) => ({ mediaId, caption: caption ?? '' })));
}

export function parseSnapshot(json: string): PostSnapshot {
  return JSON.parse(json) as PostSnapshot;
}

/**
 * A snapshot with every field a newer server sends: one written before prices, media or schedules (an old
 * feed entry, an older server) reads as having none.
 */
export function fullSnapshot(post: PostSnapshot): PostSnapshot {
  return {
    ...post,
    price: priceOf(post),
    media: post.media ?? [],
    publishAt: post.publishAt ?? null,
    expiresAt: post.expiresAt ?? null,
    timeZone: post.timeZone ?? null,
  };
}

/** The named parameters of a row written from a server snapshot, as synced. */
export function snapshotParams(post: PostSnapshot) {
  return {
    id: post.id,
    creator_id: post.creatorId,
    title: post.title,
    body: post.body,
    access_rule: JSON.stringify(post.accessRule),
    // A snapshot from before posts had prices, media or schedules has none.
    ...priceColumns(post.price),
    publish_at: post.publishAt ?? null,
    expires_at: post.expiresAt ?? null,
    time_zone: post.timeZone ?? null,
    media: mediaColumn(post.media),
    status: post.status,
    version: post.version,
    published_at: post.publishedAt,
    created_at: post.createdAt,
    updated_at: post.updatedAt,
  };
}
