import { issuesByField } from '@shared/domain/input-issues';
import { postDraftSchema, type PostDraft } from '@shared/domain/posts/post';
import type { EditorState } from './editor-slice';
import { ruleFromPicker } from './access-picker';

export interface DraftErrors {
  readonly title?: string;
  readonly body?: string;
  readonly access?: string;
}

export type DraftCheck =
  { readonly ok: true; readonly draft: PostDraft } | { readonly ok: false; readonly errors: DraftErrors };

/**
 * The editor's content as a valid PostDraft (postDraftSchema), or a message per field that is wrong. The
 * studio also asks for a title (the server takes an empty one): a post listed as "Untitled" on the creator's
 * page is never what was meant, so an empty title is refused here rather than saved silently.
 */
export function checkDraft(editor: Pick<EditorState, 'title' | 'body' | 'access'>): DraftCheck {
  const access = ruleFromPicker(editor.access);
  const parsed = postDraftSchema.safeParse({
    title: editor.title,
    body: editor.body,
    accessRule: access.ok ? access.rule : { kind: 'public' },
  });
  if (parsed.success && access.ok && parsed.data.title !== '') return { ok: true, draft: parsed.data };
  const errors: { title?: string; body?: string; access?: string } = {};
  if (!access.ok) errors.access = access.error;
  if (!parsed.success) {
    const byField = issuesByField(parsed.error.issues);
    if (byField.title) errors.title = byField.title;
    if (byField.body) errors.body = byField.body;
    if (byField.accessRule) errors.access ??= byField.accessRule;
  }
  if (errors.title === undefined && editor.title.trim() === '') errors.title = 'Title must not be empty.';
  return { ok: false, errors };
}
