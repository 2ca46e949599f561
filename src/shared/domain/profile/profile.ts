import { z } from 'zod';
import { displayNameSchema } from '../accounts/account-fields';
import { mutableKind } from '../sync/kind';
import type { Mutation } from '../sync/protocol';
import { multiLineText, singleLineText } from '../text';

/**
 * A creator's public profile (PRODUCT.md, "Creator profile"): display name, bio (plain text; links in it are
 * made clickable when shown, never HTML), up to 5 links and an accent colour. The avatar is a placeholder
 * (initials on the accent colour) until media arrives with the vault.
 */
export const BIO_MAX = 1000;
export const PROFILE_LINKS_MAX = 5;
export const LINK_LABEL_MAX = 40;
export const LINK_URL_MAX = 500;
/** The accent a profile starts with: the brand's own. */
export const DEFAULT_ACCENT_COLOR = '#5b4bdb';

export interface ProfileLink {
  /** Shown instead of the address; empty: the address's host is shown. */
  readonly label: string;
  readonly url: string;
}

export interface ProfileSnapshot {
  /** The creator's account id: a creator has exactly one profile. */
  readonly creatorId: string;
  readonly displayName: string;
  readonly bio: string;
  readonly links: readonly ProfileLink[];
  readonly accentColor: string;
  /** Server version, +1 on every accepted change; 0 for a profile never edited. */
  readonly version: number;
  readonly updatedAt: string | null;
}

const webAddressSchema = z
  .string()
  .trim()
  .max(LINK_URL_MAX, `a link is at most ${LINK_URL_MAX} characters`)
  .refine(isWebAddress, 'a link must be a full http:// or https:// address');

export const profileLinkSchema = z.object({
  label: singleLineText('a link label', LINK_LABEL_MAX),
  url: webAddressSchema,
});

export const accentColorSchema = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, 'the accent colour is a hex colour like #5b4bdb')
  .transform((color) => color.toLowerCase());

/** The fields a creator edits. */
export const profileDraftSchema = z.object({
  displayName: displayNameSchema,
  bio: multiLineText('bio', BIO_MAX),
  links: z.array(profileLinkSchema).max(PROFILE_LINKS_MAX, `at most ${PROFILE_LINKS_MAX} links`),
  accentColor: accentColorSchema,
});
export type ProfileDraft = z.infer<typeof profileDraftSchema>;

/** The one change the studio asks for: the whole draft over the version it was based on. */
export const profileChangeSchema = z.object({
  type: z.literal('update'),
  baseVersion: z.number().int().nonnegative(),
  draft: profileDraftSchema,
});
export type ProfileChange = z.infer<typeof profileChangeSchema>;
export type ProfileMutation = Mutation<ProfileChange>;

/** Profiles: edited in the studio, offline or online; the entity id is the creator's account id. */
export const PROFILE_KIND = mutableKind('profile', profileChangeSchema);

/** The profile of a creator who never edited it: their sign-up name and nothing else. */
export function defaultProfile(creatorId: string, displayName: string): ProfileSnapshot {
  return {
    creatorId,
    displayName,
    bio: '',
    links: [],
    accentColor: DEFAULT_ACCENT_COLOR,
    version: 0,
    updatedAt: null,
  };
}

export function draftOf(profile: ProfileSnapshot): ProfileDraft {
  return {
    displayName: profile.displayName,
    bio: profile.bio,
    links: profile.links.map((link) => ({ ...link })),
    accentColor: profile.accentColor,
  };
}

/** http(s) only: `javascript:` and friends must never become a link a fan can click. */
export function isWebAddress(text: string): boolean {
  if (!/^https?:\/\//i.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** What a link shows: its label, or the address's host (without `www.`) when it has none. */
export function linkText(link: ProfileLink): string {
  if (link.label.trim() !== '') return link.label;
  try {
    return new URL(link.url).hostname.replace(/^www\./, '');
  } catch {
    return link.url;
  }
}
