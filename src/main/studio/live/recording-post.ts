import { z } from 'zod';
import type { AccessRule } from '@shared/domain/access';
import { InvalidStateError } from '@shared/domain/errors';
import { newId } from '@shared/domain/ids';
import type { LocalPost } from '@shared/domain/posts/local-post';
import { postPriceSchema, postTitleSchema, type PostDraft } from '@shared/domain/posts/post';
import { POST_KIND } from '@shared/domain/posts/post-sync';
import type { AccountSession } from '../accounts/account-session';
import { VAULT_ENTITY } from '../vault/vault-feature';

/**
 * How the recording goes out: a post for everyone, for subscribers, or pay-per-view (only buyers, at a price
 * in USD cents). The post is a draft: the creator reviews it on the Content screen and publishes it there.
 */
export const recordingPostSchema = z
  .object({
    title: postTitleSchema.refine((title) => title.length > 0, 'title must not be empty'),
    audience: z.enum(['public', 'subscribers', 'buyers']),
    price: postPriceSchema.nullable(),
  })
  .refine((input) => (input.audience === 'buyers') === (input.price !== null), {
    path: ['price'],
    message: 'a pay-per-view post needs a price, and only a pay-per-view post has one',
  });
export type RecordingPost = z.infer<typeof recordingPostSchema>;

function accessRuleOf(audience: RecordingPost['audience'], postId: string): AccessRule {
  if (audience === 'public') return { kind: 'public' };
  if (audience === 'subscribers') return { kind: 'subscriber' };
  return { kind: 'purchased', itemId: postId };
}

/**
 * Publishes the last stream's recording as a post: imports the joined file into the vault (which processes and
 * uploads it like any import), then opens a post draft holding it. Each step is an edit of its own, so the vault
 * and Content screens refresh and sync pushes the draft.
 */
export async function publishRecordingAsPost(
  session: Pick<AccountSession, 'features' | 'edit' | 'editAsync'>,
  input: RecordingPost,
): Promise<{ readonly post: LocalPost; readonly mediaId: string }> {
  const recording = session.features.live.session.snapshot().recording;
  if (!recording)
    throw new InvalidStateError(
      'There is no recording to publish: it was published already, or none was made',
    );
  const imported = await session.editAsync(
    VAULT_ENTITY,
    (features) => features.vault.library.importFile(recording.path, { title: input.title }),
    (result) => [result.item.id],
  );
  const postId = newId();
  const draft: PostDraft = {
    title: input.title,
    body: '',
    accessRule: accessRuleOf(input.audience, postId),
    price: input.price,
    media: [{ mediaId: imported.item.id, caption: '' }],
  };
  const post = session.edit(
    POST_KIND.entity,
    (features) => features.posts.create(draft, postId),
    (created) => [created.id],
  );
  session.features.live.session.recordingTaken(recording.path);
  return { post, mediaId: imported.item.id };
}
