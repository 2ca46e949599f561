import { accountsRouter } from './accounts';
import { creatorsRouter } from './creators';
import { liveChatRouter } from './live-chat';
import { liveRouter } from './live';
import { mediaRouter } from './media';
import { postsRouter } from './posts';
import { profilesRouter } from './profiles';
import { purchasesRouter } from './purchases';
import { paymentsRouter } from './payments';
import { subscriptionsRouter } from './subscriptions';
import { syncRouter } from './sync';
import { tipsRouter } from './tips';
import { router } from './trpc';

/** The server's API: one slice per feature, merged here and nowhere else. */
export const appRouter = router({
  accounts: accountsRouter,
  posts: postsRouter,
  profiles: profilesRouter,
  creators: creatorsRouter,
  sync: syncRouter,
  payments: paymentsRouter,
  tips: tipsRouter,
  subscriptions: subscriptionsRouter,
  purchases: purchasesRouter,
  media: mediaRouter,
  live: liveRouter,
  liveChat: liveChatRouter,
});

export type AppRouter = typeof appRouter;
