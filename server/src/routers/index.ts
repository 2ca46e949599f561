import { accountsRouter } from './accounts';
import { creatorsRouter } from './creators';
import { postsRouter } from './posts';
import { syncRouter } from './sync';
import { router } from './trpc';

export const appRouter = router({
  accounts: accountsRouter,
  posts: postsRouter,
  creators: creatorsRouter,
  sync: syncRouter,
});

export type AppRouter = typeof appRouter;
