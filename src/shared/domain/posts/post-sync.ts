import { z } from 'zod';
import { mutableKind } from '../sync/kind';
import type { Mutation } from '../sync/protocol';
import { postDraftSchema } from './post';

/** The changes the studio may ask for on a post, as `sync.push` carries them. */
export const postChangeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('create'), draft: postDraftSchema }),
  z.object({
    type: z.literal('update'),
    baseVersion: z.number().int().nonnegative(),
    draft: postDraftSchema,
  }),
  z.object({ type: z.literal('publish') }),
  z.object({ type: z.literal('unpublish') }),
  z.object({ type: z.literal('delete') }),
]);
export type PostChange = z.infer<typeof postChangeSchema>;
export type PostMutation = Mutation<PostChange>;

/** Posts: written in the studio (offline or online) and on the web, synced both ways. */
export const POST_KIND = mutableKind('post', postChangeSchema);
