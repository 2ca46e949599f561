import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../src/routers/index';

type Inputs = inferRouterInputs<AppRouter>;
type Outputs = inferRouterOutputs<AppRouter>;

/** `live.watch`: the stream as fans see it, and how to play it, or what unlocks it. */
export type WatchAnswer = Outputs['live']['watch'];
export type PublicStream = WatchAnswer['stream'];
/** What would open a stream to this viewer: following, the lowest tier, a ticket. */
export type StreamUnlock = Extract<WatchAnswer, { access: 'locked' }>['unlock'];
export type Playback = NonNullable<Extract<WatchAnswer, { access: 'open' }>['playback']>;
/** One of a creator's live or upcoming streams on their page (`live.forCreator`). */
export type CreatorStream = Outputs['live']['forCreator'][number];
/** What `live.buyTicket` takes. */
export type BuyTicketInput = Inputs['live']['buyTicket'];
