import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { describeError } from '../api/error-message';
import { useTRPC } from '../api/trpc';

export interface FollowActions {
  /** A follow or unfollow is on its way, or the page is being refreshed after one. */
  readonly pending: boolean;
  readonly error: string | null;
  readonly setFollowing: (following: boolean) => void;
}

/**
 * Follows or unfollows a creator, then invalidates their page: fresh pages replace everything shown, since the
 * server decides per viewer which posts are open. The mutation stays pending until that refresh is done, so
 * the buttons cannot be pressed twice on a page that does not show the change yet.
 */
export function useFollow(handle: string): FollowActions {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refreshPage = () => queryClient.invalidateQueries(trpc.creators.page.infiniteQueryFilter({ handle }));
  const follow = useMutation(trpc.creators.follow.mutationOptions({ onSuccess: refreshPage }));
  const unfollow = useMutation(trpc.creators.unfollow.mutationOptions({ onSuccess: refreshPage }));
  const { mutate: startFollow, reset: resetFollow } = follow;
  const { mutate: startUnfollow, reset: resetUnfollow } = unfollow;

  const setFollowing = useCallback(
    (following: boolean) => {
      // Only the latest attempt's error is shown.
      resetFollow();
      resetUnfollow();
      if (following) startFollow({ handle });
      else startUnfollow({ handle });
    },
    [handle, resetFollow, resetUnfollow, startFollow, startUnfollow],
  );

  const failure = follow.error ?? unfollow.error;
  return {
    pending: follow.isPending || unfollow.isPending,
    error: failure ? describeError(failure) : null,
    setFollowing,
  };
}
