import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../src/routers/index';

type Inputs = inferRouterInputs<AppRouter>;
type Outputs = inferRouterOutputs<AppRouter>;

/** A creator's tips as fans see them (`tips.settings`): minimum, presets and goal, in minor units as digits. */
export type TipSettings = Outputs['tips']['settings'];
export type TipGoal = NonNullable<TipSettings['goal']>;
/** What `tips.send` takes. */
export type SendTipInput = Inputs['tips']['send'];
/** A payment as its fan sees it (`tips.send`, `payments.get`). */
export type { PaymentView } from '../payments/usePaymentOutcome';

/** What the tip is for: the creator, or one of their posts. */
export interface TipTarget {
  readonly postId: string | null;
  /** The post's title, to say what the tip is for. */
  readonly postTitle: string | null;
  /** The live stream whose chat the tip is sent from (its chat shows it highlighted); absent otherwise. */
  readonly stream?: { readonly id: string; readonly title: string };
}
