import { z } from 'zod';
import { accessRuleSchema, type AccessRule } from '../access/rule';

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

export const postTitleSchema = z
  .string()
  .trim()
  .max(POST_TITLE_MAX, `title is at most ${POST_TITLE_MAX} characters`);
export const postBodySchema = z
  .string()
  .trim()
  .min(1, 'body must not be empty')
  .max(POST_BODY_MAX, `body is at most ${POST_BODY_MAX} characters`);

/** The editable fields of a post. */
export const postDraftSchema = z.object({
  title: postTitleSchema,
  body: postBodySchema,
  accessRule: accessRuleSchema,
});
export type PostDraft = z.infer<typeof postDraftSchema>;
