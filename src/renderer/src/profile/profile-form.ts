import type { LocalProfile } from '@shared/domain/profile/local-profile';
import { asSentence, issuesByField } from '@shared/domain/input-issues';
import {
  PROFILE_LINKS_MAX,
  profileDraftSchema,
  type ProfileDraft,
  type ProfileLink,
} from '@shared/domain/profile/profile';

/** What the profile form holds, as typed. */
export interface ProfileForm {
  readonly displayName: string;
  readonly bio: string;
  readonly links: readonly ProfileLink[];
  readonly accentColor: string;
}

export interface ProfileFormErrors {
  readonly displayName?: string;
  readonly bio?: string;
  readonly accentColor?: string;
  /** Per link row, by index; `list` for the list as a whole (too many links). */
  readonly links?: Readonly<Record<number, string>>;
  readonly list?: string;
}

export type ProfileFormCheck =
  | { readonly ok: true; readonly draft: ProfileDraft }
  | { readonly ok: false; readonly errors: ProfileFormErrors };

export function formOf(profile: LocalProfile): ProfileForm {
  return {
    displayName: profile.displayName,
    bio: profile.bio,
    links: profile.links.map((link) => ({ ...link })),
    accentColor: profile.accentColor,
  };
}

/** Whether another link row may be added. */
export const canAddLink = (form: ProfileForm): boolean => form.links.length < PROFILE_LINKS_MAX;

/**
 * The form as a valid draft (the shared profile rules), or a message per field, each link row on its own.
 * Rows left entirely empty are dropped rather than refused.
 */
export function checkProfileForm(form: ProfileForm): ProfileFormCheck {
  const links = form.links.filter((link) => link.label.trim() !== '' || link.url.trim() !== '');
  const parsed = profileDraftSchema.safeParse({ ...form, links });
  if (parsed.success) return { ok: true, draft: parsed.data };
  const byField = issuesByField(parsed.error.issues);
  const linkErrors: Record<number, string> = {};
  let list: string | undefined;
  for (const issue of parsed.error.issues) {
    if (issue.path[0] !== 'links') continue;
    const row = issue.path[1];
    if (typeof row === 'number') {
      // The row's index in the form, counting the empty rows that were dropped.
      const formIndex = form.links.indexOf(links[row]!);
      linkErrors[formIndex] ??= asSentence(issue.message);
    } else list ??= asSentence(issue.message);
  }
  return {
    ok: false,
    errors: {
      ...(byField.displayName ? { displayName: byField.displayName } : {}),
      ...(byField.bio ? { bio: byField.bio } : {}),
      ...(byField.accentColor ? { accentColor: byField.accentColor } : {}),
      ...(Object.keys(linkErrors).length > 0 ? { links: linkErrors } : {}),
      ...(list ? { list } : {}),
    },
  };
}
