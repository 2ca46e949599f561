import type { AccessRule } from '@shared/domain/access/rule';
import type { PostMedia, PostPrice, PostSnapshot } from '@shared/domain/posts/post';
import type { PostRow } from '../../db/schema';

/** A stored price's columns as the shared `PostPrice` (null: not for sale). */
export function toPostPrice(row: Pick<PostRow, 'price_currency' | 'price_minor'>): PostPrice | null {
  return row.price_currency === null || row.price_minor === null
    ? null
    : { currency: row.price_currency, minor: row.price_minor };
}

/** The shared PostSnapshot of a stored post row and its media (in order, from `post_media`). */
export function toPostSnapshot(row: PostRow, media: readonly PostMedia[]): PostSnapshot {
  return {
    id: row.id,
    creatorId: row.creator_id,
    title: row.title,
    body: row.body,
    accessRule: row.access_rule as AccessRule,
    price: toPostPrice(row),
    media,
    publishAt: row.publish_at ? row.publish_at.toISOString() : null,
    expiresAt: row.expires_at ? row.expires_at.toISOString() : null,
    timeZone: row.time_zone,
    status: row.status,
    version: row.version,
    publishedAt: row.published_at ? row.published_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
