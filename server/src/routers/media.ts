import { z } from 'zod';
import { MEDIA_LIST_MAX } from '../services/media/media-library';
import { actingForProcedure, router } from './trpc';

/** `media.*`: a creator's media as the server holds it (uploads go through tus at `/uploads`). */
export const mediaRouter = router({
  /** The creator's items with their status (and why one failed), newest first. */
  list: actingForProcedure
    .input(
      z
        .object({
          limit: z
            .number('limit must be a number')
            .int('limit must be a whole number')
            .min(1, 'limit must be at least 1')
            .max(MEDIA_LIST_MAX, `limit must be at most ${MEDIA_LIST_MAX}`)
            .optional(),
        })
        .optional(),
    )
    .query(({ ctx, input }) => ctx.services.media.library.list(ctx.actor, ctx.creatorId, input?.limit)),
});
