import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../src/routers/index';

type Outputs = inferRouterOutputs<AppRouter>;

/** The signed-in account as the server shows it (`accounts.me`). */
export type AccountView = NonNullable<Outputs['accounts']['me']>;
/** One page of a creator's posts and what the viewer may do there (`creators.page`). */
export type CreatorPage = Outputs['creators']['page'];
export type PageEntry = CreatorPage['posts'][number];
export type Viewer = CreatorPage['viewer'];
/** The creator and their public profile: name, handle, bio, links and accent colour. */
export type CreatorProfile = CreatorPage['creator'];
