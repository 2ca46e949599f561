import type { AccessRule } from '@shared/domain/access/rule';
import type { PostSnapshot } from '@shared/domain/posts/post';
import type { PostRow } from '../../db/schema';

/** The shared PostSnapshot of a stored post row. */
export function toPostSnapshot(row: PostRow): PostSnapshot {
  return {
    id: row.id,
    creatorId: row.creator_id,
    title: row.title,
    body: row.body,
    accessRule: row.access_rule as AccessRule,
    status: row.status,
    version: row.version,
    publishedAt: row.published_at ? row.published_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
