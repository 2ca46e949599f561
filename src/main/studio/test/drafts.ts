import type { PostDraft } from '@shared/domain/posts/post';

/** A valid draft with a recognisable title. */
export function draft(title: string, body = `Body of ${title}`): PostDraft {
  return { title, body, accessRule: { kind: 'public' } };
}
