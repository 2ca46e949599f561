import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc';

/**
 * A creator's tip settings and goal (`tips.settings`, public). The creator page asks for them as it asks for
 * its posts, so both go in one batched request; the goal bar and the tip dialog read the same cache entry.
 */
export function useTipSettings(handle: string) {
  const trpc = useTRPC();
  return useQuery(trpc.tips.settings.queryOptions({ handle }));
}
