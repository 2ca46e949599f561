import type { PostSnapshot } from '@shared/domain/posts/post';
import type { Change } from '@shared/domain/sync/protocol';

/** A server-side post snapshot as the change feed carries it. */
export function snapshot(id: string, version: number, title = `Title v${version}`): PostSnapshot {
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, version)).toISOString();
  return {
    id,
    creatorId: '018f0000-0000-7000-8000-000000000001',
    title,
    body: `Body v${version}`,
    accessRule: { kind: 'public' },
    status: 'draft',
    version,
    publishedAt: null,
    createdAt: at,
    updatedAt: at,
  };
}

export function upsert(seq: number, post: PostSnapshot): Change {
  return { seq, entity: 'post', op: 'upsert', id: post.id, data: post };
}

export function removal(seq: number, id: string): Change {
  return { seq, entity: 'post', op: 'delete', id, data: null };
}
