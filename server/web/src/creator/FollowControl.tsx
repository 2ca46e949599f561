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
  return (
    <div className="follow-control">
      {viewer.isFollower ? (
        <button
          type="button"
          className="button button--following"
          aria-pressed="true"
          title={`Unfollow ${creator.displayName}`}
          disabled={follow.pending}
          onClick={() => follow.setFollowing(false)}
        >
          Following
        </button>
      ) : (
        <button
          type="button"
          className="button button--primary"
          disabled={follow.pending}
          onClick={() => follow.setFollowing(true)}
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
