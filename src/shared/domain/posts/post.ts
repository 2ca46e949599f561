import { z } from 'zod';
import { accessRuleSchema, type AccessRule } from '../access/rule';
import { multiLineText, singleLineText } from '../text';

/** A creator's text post as both the studio and the server know it. */
export type PostStatus = 'draft' | 'published';

export interface PostSnapshot {
  readonly id: string; // UUIDv7, generated where the post was first written (usually the studio)
  readonly creatorId: string;
  readonly title: string;
  readonly body: string;
  readonly accessRule: AccessRule;
  readonly status: PostStatus;
  /** Server version, +1 on every accepted change; the studio sends it back as `baseVersion`. */
  readonly version: number;
  readonly publishedAt: string | null; // ISO 8601
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const POST_TITLE_MAX = 200;
export const POST_BODY_MAX = 20_000;

export const postTitleSchema = singleLineText('title', POST_TITLE_MAX);
export const postBodySchema = multiLineText('body', POST_BODY_MAX).refine(
  (body) => body.length > 0,
  'body must not be empty',
);

/** The editable fields of a post. */
export const postDraftSchema = z.object({
  title: postTitleSchema,
  body: postBodySchema,
  accessRule: accessRuleSchema,
});
export type PostDraft = z.infer<typeof postDraftSchema>;
