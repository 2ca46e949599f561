import type { AccessRule } from '@shared/domain/access/rule';
import type { PostPrice, PostSnapshot } from '@shared/domain/posts/post';
import type { PostRow } from '../../db/schema';

/** A stored price's columns as the shared `PostPrice` (null: not for sale). */
export function toPostPrice(row: Pick<PostRow, 'price_currency' | 'price_minor'>): PostPrice | null {
  return row.price_currency === null || row.price_minor === null
    ? null
    : { currency: row.price_currency, minor: row.price_minor };
}

/** The shared PostSnapshot of a stored post row. */
export function toPostSnapshot(row: PostRow): PostSnapshot {
  return {
    id: row.id,
    creatorId: row.creator_id,
    title: row.title,
    body: row.body,
    accessRule: row.access_rule as AccessRule,
    price: toPostPrice(row),
    status: row.status,
    version: row.version,
    publishedAt: row.published_at ? row.published_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
