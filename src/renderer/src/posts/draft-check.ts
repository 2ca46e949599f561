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

const FIELD_NAMES = { title: 'Title', body: 'Body', accessRule: 'Access' } as const;

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
    for (const [field, name] of Object.entries(FIELD_NAMES) as [keyof typeof FIELD_NAMES, string][]) {
      const message = byField[field];
      if (!message) continue;
      const key = field === 'accessRule' ? 'access' : field;
      errors[key] ??= `${name}: ${message}.`;
    }
  }
  return { ok: false, errors };
}
