import { asSentence, issuesByField } from '@shared/domain/input-issues';
import { parseAmount } from '@shared/domain/money/amount';
import { postDraftSchema, priceRuleIssue, type PostDraft, type PostPrice } from '@shared/domain/posts/post';
import type { EditorState } from './editor-slice';
import { ACCESS_MODE_LABELS, ruleFromPicker } from './access-picker';
import { checkWallTime, EXPIRY_WORDS, PUBLISH_WORDS } from './schedule-field';

export interface DraftErrors {
  readonly title?: string;
  readonly body?: string;
  readonly price?: string;
  readonly access?: string;
  /** The media list as a whole (too many items). */
  readonly media?: string;
  readonly publishAt?: string;
  readonly expiresAt?: string;
  /** A caption's error, by media id. */
  readonly captions?: Readonly<Record<string, string>>;
}

/** The fields checkDraft reads: the editor's, with media and times optional (a post without them). */
export type DraftFields = Pick<EditorState, 'title' | 'body' | 'access'> &
  Partial<Pick<EditorState, 'price' | 'media' | 'publishAt' | 'expiresAt' | 'timeZone'>>;

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
export function checkDraft(editor: DraftFields, postId?: string, now: Date = new Date()): DraftCheck {
  const access = ruleFromPicker(editor.access, postId);
  const typed = typedPrice(editor.price ?? '');
  const price = 'price' in typed ? typed.price : null;
  const media = editor.media ?? [];
  const timeZone = editor.timeZone ?? 'UTC';
  const publishAt = checkWallTime(editor.publishAt ?? '', timeZone, now, PUBLISH_WORDS);
  const expiresAt = checkWallTime(editor.expiresAt ?? '', timeZone, now, EXPIRY_WORDS);
  const timed = publishAt.ok && expiresAt.ok && (publishAt.instant !== null || expiresAt.instant !== null);
  const parsed = postDraftSchema.safeParse({
    title: editor.title,
    body: editor.body,
    accessRule: access.ok ? access.rule : { kind: 'public' },
    // No price is no `price` at all: the draft reads the same as one written before posts had prices.
    ...(price === null ? {} : { price }),
    ...(media.length === 0 ? {} : { media }),
    ...(publishAt.ok && publishAt.instant !== null ? { publishAt: publishAt.instant } : {}),
    ...(expiresAt.ok && expiresAt.instant !== null ? { expiresAt: expiresAt.instant } : {}),
    // The zone is kept only with a time to show in it.
    ...(timed ? { timeZone } : {}),
  });
  // Without an id nothing can name this post, so a price has no buyers to let in.
  const fits =
    parsed.success && access.ok && 'price' in typed ? priceRuleIssue(postId ?? '', parsed.data) : null;
  const timesOk = publishAt.ok && expiresAt.ok;
  if (
    parsed.success &&
    access.ok &&
    'price' in typed &&
    timesOk &&
    fits === null &&
    parsed.data.title !== ''
  ) {
    return { ok: true, draft: parsed.data };
  }
  const errors: {
    title?: string;
    body?: string;
    price?: string;
    access?: string;
    media?: string;
    publishAt?: string;
    expiresAt?: string;
    captions?: Record<string, string>;
  } = {};
  if (!access.ok) errors.access = access.error;
  if ('error' in typed) errors.price = typed.error;
  if (!publishAt.ok) errors.publishAt = publishAt.error;
  if (!expiresAt.ok) errors.expiresAt = expiresAt.error;
  if (!parsed.success) {
    const byField = issuesByField(parsed.error.issues);
    if (byField.title) errors.title = byField.title;
    // An empty body is refused only without media: say both ways out.
    if (byField.body) errors.body = editor.body.trim() === '' ? BODY_OR_MEDIA : byField.body;
    if (byField.price) errors.price ??= byField.price;
    if (byField.accessRule) errors.access ??= byField.accessRule;
    if (byField.expiresAt) errors.expiresAt ??= EXPIRES_AFTER_PUBLISH;
    if (byField.publishAt) errors.publishAt ??= byField.publishAt;
    const captions = captionErrors(parsed.error.issues, media);
    if (Object.keys(captions).length > 0) errors.captions = captions;
    else if (byField.media) errors.media = byField.media;
  }
  if (fits?.field === 'accessRule') errors.access ??= LET_BUYERS_IN;
  if (fits?.field === 'price') errors.price ??= NEEDS_A_PRICE;
  if (errors.title === undefined && editor.title.trim() === '') errors.title = 'Title must not be empty.';
  return { ok: false, errors };
}

const BODY_OR_MEDIA = 'Write something, or add a photo, video or audio from your vault.';
const EXPIRES_AFTER_PUBLISH = 'Expires at: choose a time after the post goes out.';

/** Each caption's first issue, by the media item it belongs to (issues at `media.<index>.caption`). */
function captionErrors(
  issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[],
  media: readonly { readonly mediaId: string }[],
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const [field, index, part] = issue.path;
    if (field !== 'media' || typeof index !== 'number' || part !== 'caption') continue;
    const mediaId = media[index]?.mediaId;
    if (mediaId !== undefined) errors[mediaId] ??= asSentence(issue.message);
  }
  return errors;
}
