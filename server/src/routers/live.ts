import { router } from './trpc';

/** `live.*`: streams, their lifecycle and tickets, and watching them (playback tokens). */
export const liveRouter = router({});
