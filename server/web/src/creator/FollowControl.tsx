import { useState } from 'react';
import { Link } from 'react-router';
import type { CreatorProfile, Viewer } from '../api/types';
import { authPath, creatorPath, welcomePath } from '../routing/paths';
import type { FollowActions } from './useFollow';

interface FollowControlProps {
  readonly creator: CreatorProfile;
  readonly viewer: Viewer;
  readonly follow: FollowActions;
}

/**
 * Follow / Following for a signed-in fan, a way to sign in for everyone else, and on one's own page the way to
 * the studio, where posts are written.
 */
export function FollowControl({ creator, viewer, follow }: FollowControlProps) {
  // Right after Follow is pressed the pointer (or focus) is still on the button: it says "Following" until the
  // pointer or focus leaves, rather than at once offering to undo what was just done.
  const [justFollowed, setJustFollowed] = useState(false);

  if (viewer.isOwner) {
    return (
      <p className="creator-profile__note">
        This is your page. <Link to={welcomePath()}>How to write posts</Link>
      </p>
    );
  }
  if (!viewer.signedIn) {
    return (
      <Link to={authPath('signin', creatorPath(creator.handle))} className="button button--primary">
        Sign in to follow
      </Link>
    );
  }
  // aria-disabled rather than disabled while a change is on its way, so a keyboard user keeps their focus on
  // the button as it turns from Follow into Following and back (a disabled button drops the focus).
  const press = (following: boolean) => {
    if (follow.pending) return;
    setJustFollowed(following);
    follow.setFollowing(following);
  };
  return (
    <div className="follow-control">
      {viewer.isFollower ? (
        // It says what it is (Following) until pointed at or reached by keyboard, then what clicking does
        // (Unfollow); its accessible name is always what clicking does, and starts with the word it then shows.
        // Both words share one grid cell, so the button keeps its width when they swap (controls.css).
        <button
          type="button"
          className="button button--following"
          aria-label={`Unfollow ${creator.displayName}`}
          aria-disabled={follow.pending || undefined}
          data-just-followed={justFollowed || undefined}
          // Leaving disarms it; so does coming back, in case the page moved under a still pointer.
          onPointerLeave={() => setJustFollowed(false)}
          onPointerEnter={() => setJustFollowed(false)}
          onBlur={() => setJustFollowed(false)}
          onClick={() => press(false)}
        >
          <span className="following-label" aria-hidden="true">
            <span className="following-label__state">Following</span>
            <span className="following-label__action">Unfollow</span>
          </span>
        </button>
      ) : (
        <button
          type="button"
          className="button button--primary"
          aria-disabled={follow.pending || undefined}
          onClick={() => press(true)}
        >
          Follow
        </button>
      )}
      {follow.error ? (
        <p className="follow-control__error" role="alert">
          {follow.error}
        </p>
      ) : null}
    </div>
  );
}
