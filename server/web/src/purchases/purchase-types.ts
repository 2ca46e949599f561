import type { inferRouterInputs } from '@trpc/server';
import type { AppRouter } from '../../../src/routers/index';
import type { PageEntry } from '../api/types';

/** A post the viewer may not read yet. */
export type LockedEntry = Extract<PageEntry, { access: 'locked' }>;
/**
 * What buying a locked post costs this viewer, when buying it would open it (`creators.page`): the post's price
 * less their tier's discount, in minor units as digits, with the price before it.
 */
export type BuyPrice = NonNullable<LockedEntry['buyPrice']>;
/** What `purchases.buy` takes. */
export type BuyInput = inferRouterInputs<AppRouter>['purchases']['buy'];

/** The post a fan is buying, as the page showed it when they pressed Buy. */
export interface BuyTarget {
  readonly postId: string;
  readonly title: string;
  readonly price: BuyPrice;
}
