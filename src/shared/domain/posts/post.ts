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

// Control characters have no place in text a fan reads, and PostgreSQL cannot store NUL at all: refused at
// every boundary, so one pasted NUL can never stall the studio's outbox on a server error.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const TITLE_CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const BODY_CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/; // tabs and line breaks are fine

export const postTitleSchema = z
  .string()
  .trim()
  .max(POST_TITLE_MAX, `title is at most ${POST_TITLE_MAX} characters`)
  .refine((title) => !TITLE_CONTROL_CHARACTERS.test(title), 'title must not contain control characters');
export const postBodySchema = z
  .string()
  .trim()
  .min(1, 'body must not be empty')
  .max(POST_BODY_MAX, `body is at most ${POST_BODY_MAX} characters`)
  .refine((body) => !BODY_CONTROL_CHARACTERS.test(body), 'body must not contain control characters');

/** The editable fields of a post. */
export const postDraftSchema = z.object({
  title: postTitleSchema,
  body: postBodySchema,
  accessRule: accessRuleSchema,
});
export type PostDraft = z.infer<typeof postDraftSchema>;
