import { router } from './trpc';

/** `liveChat.*`: a stream's chat, reactions, tips in chat, moderation, and its live events. */
export const liveChatRouter = router({});
