import { useCallback, useState } from 'react';
import { describeError } from '../api/error-message';
import { api } from '../api/trpc';

export interface FollowActions {
  readonly pending: boolean;
  readonly error: string | null;
  readonly setFollowing: (following: boolean) => Promise<void>;
}

/** Follows or unfollows a creator, then lets the page reload (the server decides what becomes open). */
export function useFollow(handle: string, afterChange: () => Promise<void>): FollowActions {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const setFollowing = useCallback(
    async (following: boolean) => {
      setPending(true);
      setError(null);
      try {
        if (following) await api.creators.follow.mutate({ handle });
        else await api.creators.unfollow.mutate({ handle });
        await afterChange();
      } catch (failure) {
        setError(describeError(failure));
      } finally {
        setPending(false);
      }
    },
    [handle, afterChange],
  );

  return { pending, error, setFollowing };
}
