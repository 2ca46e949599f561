/** The details form of a vault item: what was typed, and the change it makes. */
export interface ItemForm {
  readonly title: string;
  /** Tags as typed: separated by commas. */
  readonly tags: string;
  readonly notes: string;
}

export function itemForm(item: { title: string; tags: readonly string[]; notes: string }): ItemForm {
  return { title: item.title, tags: item.tags.join(', '), notes: item.notes };
}

/**
 * The tags typed in one field, separated by commas: trimmed, a leading `#` dropped, lowercase (as the vault
 * stores them), empty ones and repeats left out, in the order typed.
 */
export function tagsFromText(text: string): string[] {
  const tags = text
    .split(',')
    .map((tag) => tag.normalize('NFC').toLowerCase().trim().replace(/^#+/, '').replace(/\s+/g, ' ').trim())
    .filter((tag) => tag !== '');
  return [...new Set(tags)];
}

export type ItemCheck =
  | { readonly ok: true; readonly change: { title: string; tags: string[]; notes: string } }
  | { readonly ok: false; readonly errors: { readonly title?: string } };

/**
 * The change to send, or what to fix first. Only an empty title is caught here; the studio checks the limits
 * (lengths, how many tags) and its answer is shown under the form.
 */
export function checkItemForm(form: ItemForm): ItemCheck {
  const title = form.title.trim();
  if (title === '') return { ok: false, errors: { title: 'Give it a title: it is how you find it again.' } };
  return { ok: true, change: { title, tags: tagsFromText(form.tags), notes: form.notes } };
}
