import { openEarnings } from './earnings/earnings-feature';
import { studioLiveEncoder } from './live/encoder-live';
import { openLive } from './live/live-feature';
import { openLivePlans } from './live/plans-feature';
import { serverLive } from './live/server-live';
import { openOffers } from './offers/offers-feature';
import { openPosts } from './posts/posts-feature';
import { openProfile } from './profile/profile-feature';
import { StudioKinds, type KindContext } from './sync/synced-kind';
import { vaultJobs } from './vault/jobs/vault-jobs';
import { openVault, VAULT_ENTITY } from './vault/vault-feature';

/** What an account's features get beyond its database: its own folder, and a way to tell the screens. */
export interface AccountFeatureContext extends KindContext {
  /**
   * The account's folder, beside its SQLite file (`accounts/<accountId>/`); default: the database file's path
   * without `.sqlite`, which is where the session puts it too.
   */
  readonly folder?: string;
  /** Records changed outside an edit (a background import, a job's progress): the UI refreshes them. */
  readonly changed?: (entity: string, ids: readonly string[]) => void;
}

/**
 * The features every signed-in account holds over its own database: each one's editor for the router slices,
 * and its synced kinds for the account's sync engine. A new feature opens here and merges its router slice
 * into `router.ts`; the engine and the sessions take the list without naming it.
 */
export function openAccountFeatures(context: AccountFeatureContext) {
  const posts = openPosts(context);
  const profile = openProfile(context);
  const earnings = openEarnings(context);
  const offers = openOffers(context);
  const livePlans = openLivePlans(context);
  const folder = context.folder ?? context.db.name.replace(/\.sqlite$/, '');
  const vault = openVault({
    db: context.db,
    account: context.account,
    folder,
    changed: (ids) => context.changed?.(VAULT_ENTITY, ids),
    jobs: vaultJobs(),
  });
  const live = openLive({ folder, encoder: studioLiveEncoder(), serverFor: serverLive });
  return {
    posts: posts.editor,
    profile: profile.editor,
    payments: earnings.payments,
    tiers: offers.tiers,
    promos: offers.promos,
    tipSettings: offers.tipSettings,
    vault,
    live,
    liveStreams: livePlans.streams,
    chatSettings: livePlans.chatSettings,
    kinds: new StudioKinds([
      posts.kind,
      profile.kind,
      earnings.kind,
      ...offers.kinds,
      vault.kind,
      ...livePlans.kinds,
    ]),
  };
}

export type AccountFeatures = ReturnType<typeof openAccountFeatures>;
