import { publishOutcome, type PostDraft, type PostStatus } from '@shared/domain/posts/post';
import type { PostChange } from '@shared/domain/posts/post-sync';
import { ValidationError } from '@shared/domain/errors';
import { PostExpiredError } from './post-errors';

/**
 * What the creator last asked of a post: kept as a draft, or out (at once or at its time; the server decides
 * which from `publishAt`). `expired` is never asked for: the server's scheduler hides a post at `expiresAt`.
 */
type Intent = 'draft' | 'out' | 'expired';

function intentOf(status: PostStatus): Intent {
  if (status === 'draft') return 'draft';
  return status === 'expired' ? 'expired' : 'out';
}

/**
 * The status changes that take the server's post from `from` to `to`. `scheduled` and `published` are one
 * request (publish: the server schedules or publishes, from the draft's `publishAt`), so going from one to the
 * other needs none; neither does going to `expired`, which only the server does.
 */
export function statusChanges(from: PostStatus, to: PostStatus): PostChange[] {
  const intent = intentOf(to);
  if (intent === intentOf(from) || intent === 'expired') return [];
  return [{ type: intent === 'out' ? 'publish' : 'unpublish' }];
}

/**
 * The status publishing a post gives it here at `now`, as the server will: `scheduled` while its `publishAt` is
 * ahead, `published` otherwise. A post whose expiry has passed cannot be published (PostExpiredError).
 */
export function publishedStatus(
  draft: Pick<PostDraft, 'publishAt' | 'expiresAt'>,
  now: Date,
): 'published' | 'scheduled' {
  const outcome = publishOutcome(draft, now);
  if (typeof outcome === 'object') throw new PostExpiredError(outcome.refused);
  return outcome;
}

/**
 * An edit of a scheduled post must leave it publishable, as the server checks: an expiry already passed is
 * refused on `expiresAt` (an edit never changes a post's status; unpublish it first).
 */
export function assertEditKeepsSchedule(
  status: PostStatus,
  draft: Pick<PostDraft, 'publishAt' | 'expiresAt'>,
  now: Date,
): void {
  if (status !== 'scheduled') return;
  const outcome = publishOutcome(draft, now);
  if (typeof outcome === 'object') throw new ValidationError(`expiresAt: ${outcome.refused}`, 'expiresAt');
}
