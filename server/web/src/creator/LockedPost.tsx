import { type ReactNode, useId } from 'react';
import { Link } from 'react-router';
import type { PageEntry } from '../api/types';
import { LockedMedia } from '../media/LockedMedia';
import { authPath, creatorPath } from '../routing/paths';
import { PostTipButton } from '../tips/TipControl';
import { LockIcon } from './LockIcon';
import { PostMeta } from './PostMeta';
import type { UnlockAction } from './unlock-action';

type LockedEntry = Extract<PageEntry, { access: 'locked' }>;

interface LockedPostProps {
  readonly post: LockedEntry;
  readonly handle: string;
  readonly action: UnlockAction;
  readonly pending: boolean;
  readonly onFollow: () => void;
  /** Opens the tip dialog for this post, by its title. */
  readonly onTip?: ((title: string) => void) | undefined;
  /** What else opens the post, offered beside the follow action (the tier that opens it: subscriptions/). */
  readonly offer?: ReactNode;
}

/**
 * A post the viewer may not read yet: its title, date, the blurred preview of its media (media/) and why it is
 * locked, with the action that opens it.
 * The action's name avoids "Follow" so the page keeps a single Follow button.
 */
export function LockedPost({ post, handle, action, pending, onFollow, onTip, offer }: LockedPostProps) {
  const titleId = useId();
  const title = post.title.trim() || 'Untitled post';
  const hintId = useId();
  return (
    <article className="post post--locked" aria-labelledby={titleId}>
      <header className="post__header">
        <h2 id={titleId} className="post__title" dir="auto">
          {title}
        </h2>
        <PostMeta publishedAt={post.publishedAt} />
      </header>
      <LockedMedia media={post.media} />
      <div className="lock-card">
        <LockIcon />
        <div className="lock-card__text">
          <p className="lock-card__label">Locked</p>
          <p id={hintId} className="lock-card__hint">
            {post.unlockHint}
          </p>
          {action === null ? null : <p className="lock-card__free">Following is free.</p>}
        </div>
        {action === 'follow' ? (
          <button
            type="button"
            className="button button--primary lock-card__action"
            aria-describedby={hintId}
            disabled={pending}
            onClick={onFollow}
          >
            Unlock for free
          </button>
        ) : action === 'signInToFollow' ? (
          <Link
            to={authPath('signin', creatorPath(handle))}
            className="button button--primary lock-card__action"
          >
            Sign in to unlock
          </Link>
        ) : null}
        {offer}
      </div>
      {onTip ? (
        <footer className="post__footer">
          <PostTipButton title={title} onTip={() => onTip(title)} />
        </footer>
      ) : null}
    </article>
  );
}
