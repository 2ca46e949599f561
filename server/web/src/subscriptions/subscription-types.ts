import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../src/routers/index';
import type { PageEntry } from '../api/types';

type Inputs = inferRouterInputs<AppRouter>;
type Outputs = inferRouterOutputs<AppRouter>;

/** A creator's tier as fans see it (`subscriptions.tiers`): prices in minor units as digits. */
export type Tier = Outputs['subscriptions']['tiers'][number];
/** One of the fan's subscriptions (`subscriptions.mine`, and the answer of every change to one). */
export type Subscription = Outputs['subscriptions']['mine'][number];
export type SubscriptionStatus = Subscription['status'];
export type BillingInterval = Subscription['interval'];
/** What `subscriptions.subscribe` takes. */
export type SubscribeInput = Inputs['subscriptions']['subscribe'];

/** A post the viewer may not read yet, with the tier that would open it (`unlockTier`) when one does. */
export type LockedEntry = Extract<PageEntry, { access: 'locked' }>;
/** The lowest tier whose subscription opens a locked post. */
export type UnlockTier = NonNullable<LockedEntry['unlockTier']>;

/** Statuses in which a subscription still opens what its tier opens (the server's LIVE_STATUSES). */
export const LIVE_STATUSES: readonly SubscriptionStatus[] = ['trialing', 'active', 'past_due'];

export function isLive(subscription: Pick<Subscription, 'status'>): boolean {
  return LIVE_STATUSES.includes(subscription.status);
}
