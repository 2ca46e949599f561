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

/** The editor's content as a valid PostDraft (postDraftSchema), or a message per field that is wrong. */
export function checkDraft(editor: Pick<EditorState, 'title' | 'body' | 'access'>): DraftCheck {
  const access = ruleFromPicker(editor.access);
  const parsed = postDraftSchema.safeParse({
    title: editor.title,
    body: editor.body,
    accessRule: access.ok ? access.rule : { kind: 'public' },
  });
  if (parsed.success && access.ok) return { ok: true, draft: parsed.data };
  const errors: { title?: string; body?: string; access?: string } = {};
  if (!access.ok) errors.access = access.error;
  if (!parsed.success) {
    const byField = issuesByField(parsed.error.issues);
    if (byField.title) errors.title = byField.title;
    if (byField.body) errors.body = byField.body;
    if (byField.accessRule) errors.access ??= byField.accessRule;
  }
  return { ok: false, errors };
}
