import type { PostSnapshot, PostStatus } from '@shared/domain/posts/post';
import { describeExpiry, describeInstant, describeScheduled } from '@shared/domain/time/zoned';

export const STATUS_LABELS: Readonly<Record<PostStatus, string>> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  published: 'Published',
  expired: 'Expired',
};

/**
 * When a post goes out or away, as its row in the list says it, in the zone it was scheduled in (UTC for a post
 * without one): "Publishes Thu 24 Dec, 18:00 (Europe/Paris)", "Expires …", "Expired …". A draft with a time
 * set says it is not scheduled until Schedule is pressed. Null when there is nothing to say.
 */
export function postWhen(
  post: Pick<PostSnapshot, 'status' | 'publishAt' | 'expiresAt' | 'timeZone'>,
  now: Date,
): string | null {
  const zone = post.timeZone ?? 'UTC';
  const parts: string[] = [];
  if (post.status === 'scheduled' && post.publishAt) parts.push(describeScheduled(post.publishAt, zone, now));
  if (post.status === 'draft' && post.publishAt && Date.parse(post.publishAt) > now.getTime()) {
    parts.push(`Publish time ${describeInstant(post.publishAt, zone, now)}, not scheduled yet`);
  }
  if (post.expiresAt && post.status !== 'draft') parts.push(describeExpiry(post.expiresAt, zone, now));
  return parts.length === 0 ? null : parts.join(' · ');
}
