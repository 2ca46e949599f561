import { issuesByField } from '@shared/domain/input-issues';
import { parseAmount } from '@shared/domain/money/amount';
import { postDraftSchema, priceRuleIssue, type PostDraft, type PostPrice } from '@shared/domain/posts/post';
import type { EditorState } from './editor-slice';
import { ACCESS_MODE_LABELS, ruleFromPicker } from './access-picker';

export interface DraftErrors {
  readonly title?: string;
  readonly body?: string;
  readonly price?: string;
  readonly access?: string;
}

export type DraftCheck =
  { readonly ok: true; readonly draft: PostDraft } | { readonly ok: false; readonly errors: DraftErrors };

/** The price field as typed: none when empty, else USD read by `parseAmount` (digits, never a float). */
function typedPrice(text: string): { price: PostPrice | null } | { error: string } {
  if (text.trim() === '') return { price: null };
  try {
    return { price: { currency: 'USD', minor: parseAmount(text, 'USD').minor.toString() } };
  } catch (error) {
    return { error: `Price: ${error instanceof Error ? error.message : String(error)}.` };
  }
}

const LET_BUYERS_IN = `A post with a price must let its buyers in: choose “${ACCESS_MODE_LABELS.buyers}” or “${ACCESS_MODE_LABELS.subscriberOrBuyer}”, or name this post in purchased(…) in the expression.`;
const NEEDS_A_PRICE =
  'Buyers can open this post only once it has a price: set one, or choose who else may see it.';

/**
 * The editor's content as a valid PostDraft (postDraftSchema) for post `postId`, or a message per field that
 * is wrong. The studio also asks for a title (the server takes an empty one): a post listed as "Untitled" on the
 * creator's page is never what was meant, so an empty title is refused here rather than saved silently. A price
 * and the access rule must fit (`priceRuleIssue`): a priced post lets its buyers in, and only a priced one does.
 */
export function checkDraft(
  editor: Pick<EditorState, 'title' | 'body' | 'access'> & Partial<Pick<EditorState, 'price'>>,
  postId?: string,
): DraftCheck {
  const access = ruleFromPicker(editor.access, postId);
  const typed = typedPrice(editor.price ?? '');
  const price = 'price' in typed ? typed.price : null;
  const parsed = postDraftSchema.safeParse({
    title: editor.title,
    body: editor.body,
    accessRule: access.ok ? access.rule : { kind: 'public' },
    // No price is no `price` at all: the draft reads the same as one written before posts had prices.
    ...(price === null ? {} : { price }),
  });
  // Without an id nothing can name this post, so a price has no buyers to let in.
  const fits =
    parsed.success && access.ok && 'price' in typed ? priceRuleIssue(postId ?? '', parsed.data) : null;
  if (parsed.success && access.ok && 'price' in typed && fits === null && parsed.data.title !== '') {
    return { ok: true, draft: parsed.data };
  }
  const errors: { title?: string; body?: string; price?: string; access?: string } = {};
  if (!access.ok) errors.access = access.error;
  if ('error' in typed) errors.price = typed.error;
  if (!parsed.success) {
    const byField = issuesByField(parsed.error.issues);
    if (byField.title) errors.title = byField.title;
    if (byField.body) errors.body = byField.body;
    if (byField.price) errors.price ??= byField.price;
    if (byField.accessRule) errors.access ??= byField.accessRule;
  }
  if (fits?.field === 'accessRule') errors.access ??= LET_BUYERS_IN;
  if (fits?.field === 'price') errors.price ??= NEEDS_A_PRICE;
  if (errors.title === undefined && editor.title.trim() === '') errors.title = 'Title must not be empty.';
  return { ok: false, errors };
}
