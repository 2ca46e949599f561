import type { ReactNode } from 'react';
import type { PageEntry, Viewer } from '../api/types';
import type { TipTarget } from '../tips/tip-types';
import { LockedPost } from './LockedPost';
import { OpenPost } from './OpenPost';
import { unlockActionFor } from './unlock-action';
import type { FollowActions } from './useFollow';

interface PostListProps {
  readonly posts: readonly PageEntry[];
  readonly handle: string;
  readonly viewer: Viewer;
  readonly follow: FollowActions;
  /** Opens the tip dialog for a post; none where the viewer cannot tip (signed out, or their own page). */
  readonly onTip?: ((target: TipTarget) => void) | undefined;
  /** What else a locked post offers to open it (the tier that opens it), beside following. */
  readonly lockedOffer?: ((post: Extract<PageEntry, { access: 'locked' }>) => ReactNode) | undefined;
}

/** A creator's posts, newest first, open or locked as the server decided. */
export function PostList({ posts, handle, viewer, follow, onTip, lockedOffer }: PostListProps) {
  if (posts.length === 0) {
    return <p className="feed__empty">Nothing published yet. Posts will appear here.</p>;
  }
  return (
    <div className="feed__posts">
      {posts.map((post) =>
        post.access === 'open' ? (
          <OpenPost
            key={post.id}
            post={post}
            handle={handle}
            onTip={onTip && ((postTitle) => onTip({ postId: post.id, postTitle }))}
          />
        ) : (
          <LockedPost
            key={post.id}
            post={post}
            handle={handle}
            action={unlockActionFor(post, viewer)}
            pending={follow.pending}
            onFollow={() => follow.setFollowing(true)}
            onTip={onTip && ((postTitle) => onTip({ postId: post.id, postTitle }))}
            offer={lockedOffer?.(post)}
          />
        ),
      )}
    </div>
  );
}
