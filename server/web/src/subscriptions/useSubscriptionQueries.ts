import { skipToken, useQuery } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc';
import { useAccount } from '../session/session';
import { isLive, type Subscription } from './subscription-types';

/** A creator's tiers (`subscriptions.tiers`, public), cheapest rank first as the server orders them. */
export function useTiers(handle: string) {
  const trpc = useTRPC();
  return useQuery(trpc.subscriptions.tiers.queryOptions({ handle }));
}

/**
 * The signed-in fan's subscriptions (`subscriptions.mine`), newest first, ended ones included; not asked for
 * while nobody is signed in. Signing in or out resets it (session.ts).
 */
export function useMySubscriptions() {
  const trpc = useTRPC();
  const account = useAccount();
  return useQuery(trpc.subscriptions.mine.queryOptions(account ? undefined : skipToken));
}

/** The fan's subscription to a creator that still opens their tier's posts (at most one), if any. */
export function liveSubscriptionTo(
  subscriptions: readonly Subscription[] | undefined,
  creatorId: string,
): Subscription | undefined {
  return subscriptions?.find((s) => s.creatorId === creatorId && isLive(s));
}
