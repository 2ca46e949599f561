import { openEarnings } from './earnings/earnings-feature';
import { openOffers } from './offers/offers-feature';
import { openPosts } from './posts/posts-feature';
import { openProfile } from './profile/profile-feature';
import { StudioKinds, type KindContext } from './sync/synced-kind';

/**
 * The features every signed-in account holds over its own database: each one's editor for the router slices,
 * and its synced kinds for the account's sync engine. A new feature opens here and merges its router slice
 * into `router.ts`; the engine and the sessions take the list without naming it.
 */
export function openAccountFeatures(context: KindContext) {
  const posts = openPosts(context);
  const profile = openProfile(context);
  const earnings = openEarnings(context);
  const offers = openOffers(context);
  return {
    posts: posts.editor,
    profile: profile.editor,
    payments: earnings.payments,
    tiers: offers.tiers,
    promos: offers.promos,
    tipSettings: offers.tipSettings,
    kinds: new StudioKinds([posts.kind, profile.kind, earnings.kind, ...offers.kinds]),
  };
}

export type AccountFeatures = ReturnType<typeof openAccountFeatures>;
