import { z } from 'zod';
import { MEDIA_KINDS } from '@shared/domain/media/media';

export const VAULT_TITLE_MAX = 200;
export const VAULT_NOTES_MAX = 5000;
export const VAULT_TAGS_MAX = 30;
export const VAULT_TAG_MAX = 40;
export const VAULT_QUERY_MAX = 200;
export const VAULT_PAGE_MAX = 200;

/** A tag as stored: lowercase, NFC, single spaces, no leading `#` (so `#Beach ` and `beach` are one tag). */
export function normaliseTag(tag: string): string {
  return tag.normalize('NFC').toLowerCase().replace(/^#+/, '').replace(/\s+/g, ' ').trim();
}

export const vaultTagSchema = z
  .string()
  .max(VAULT_TAG_MAX * 4, `a tag is at most ${VAULT_TAG_MAX} characters`)
  .transform(normaliseTag)
  .pipe(
    z
      .string()
      .min(1, 'a tag must not be empty')
      .max(VAULT_TAG_MAX, `a tag is at most ${VAULT_TAG_MAX} characters`),
  );

/** Tags as a set: normalised, duplicates dropped, sorted (the order a tile shows them in). */
export const vaultTagsSchema = z
  .array(vaultTagSchema)
  .max(VAULT_TAGS_MAX, `at most ${VAULT_TAGS_MAX} tags`)
  .transform((tags) => [...new Set(tags)].sort());

export const vaultTitleSchema = z
  .string()
  .transform((title) => title.normalize('NFC').trim())
  .pipe(
    z
      .string()
      .min(1, 'the title must not be empty')
      .max(VAULT_TITLE_MAX, `the title is at most ${VAULT_TITLE_MAX} characters`),
  );

/** What the creator may change of an item; absent fields stay as they are. */
export const vaultItemChangeSchema = z.object({
  title: vaultTitleSchema.optional(),
  notes: z
    .string()
    .max(VAULT_NOTES_MAX, `notes are at most ${VAULT_NOTES_MAX} characters`)
    .transform((notes) => notes.normalize('NFC'))
    .optional(),
  tags: vaultTagsSchema.optional(),
});
export type VaultItemChange = z.output<typeof vaultItemChangeSchema>;

/** What an import may set at once (the rest comes from the file). */
export const vaultImportFieldsSchema = z.object({
  title: vaultTitleSchema.optional(),
  tags: vaultTagsSchema.optional(),
});
export type VaultImportFields = z.input<typeof vaultImportFieldsSchema>;

/** Which items a page shows: words to search, filters, and where the previous page ended. */
export const vaultListSchema = z.object({
  /** The creator's words, searched in titles, notes, tags and file names (never FTS syntax). */
  query: z.string().max(VAULT_QUERY_MAX, `search at most ${VAULT_QUERY_MAX} characters`).optional(),
  kind: z.enum(MEDIA_KINDS).optional(),
  tag: vaultTagSchema.optional(),
  /** `any`: used in at least one post (later: message, Surprise); `unused`: in none. */
  usedIn: z.enum(['any', 'unused']).optional(),
  limit: z.number().int().min(1).max(VAULT_PAGE_MAX).default(50),
  /** `nextCursor` of the previous page. */
  cursor: z.string().max(200).optional(),
});
export type VaultListFilter = z.output<typeof vaultListSchema>;
