import { accountsRouter, studioRouter } from './accounts/accounts-router';
import { earningsRouter } from './earnings/earnings-router';
import { liveRouter } from './live/live-router';
import { offersRouter } from './offers/offers-router';
import { postsRouter } from './posts/posts-router';
import { profileRouter } from './profile/profile-router';
import { syncRouter } from './sync/sync-router';
import { router } from './trpc';
import { vaultRouter } from './vault/vault-router';

export type { StudioContext } from './trpc';

/** The studio's tRPC router (what the renderer calls over IPC or browser mode): the feature slices, merged. */
export function createStudioRouter() {
  return router({
    studio: studioRouter,
    accounts: accountsRouter,
    sync: syncRouter,
    posts: postsRouter,
    profile: profileRouter,
    earnings: earningsRouter,
    offers: offersRouter,
    vault: vaultRouter,
    live: liveRouter,
  });
}

export type StudioRouter = ReturnType<typeof createStudioRouter>;
