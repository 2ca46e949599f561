import type { PageEntry, Viewer } from '../api/types';

/** What a fan can do right here to open a locked post. */
export type UnlockAction = 'follow' | 'signInToFollow' | null;

/**
 * The action a locked post's card offers. The server works out whether following (free) would open the
 * post, by evaluating its access rule as if the viewer followed; other locks (subscriptions, purchases, tips)
 * get their actions in later issues.
 */
export function unlockActionFor(entry: PageEntry, viewer: Viewer): UnlockAction {
  if (entry.access !== 'locked' || viewer.isOwner || viewer.isFollower || !entry.unlocksByFollowing)
    return null;
  return viewer.signedIn ? 'follow' : 'signInToFollow';
}
