import { useState, type FormEvent } from 'react';
import type { LocalPost } from '@shared/domain/posts/local-post';
import { POST_BODY_MAX, POST_TITLE_MAX } from '@shared/domain/posts/post';
import { Field } from '../forms/Field';
import { CallOutcome, useStudioCall } from '../forms/use-studio-call';
import { useAppDispatch, useAppSelector } from '../store/hooks';
import { editorClosed, editorRefreshed, editorSaved, textChanged } from './editor-slice';
import { postById, postsGone, postsStored } from './posts-slice';
import { useStudioClient } from '../transport/client-context';
import { AccessPicker } from './AccessPicker';
import { ConflictPanel } from './ConflictPanel';
import { checkDraft, type DraftErrors } from './draft-check';

type Busy = 'save' | 'publish' | 'unpublish' | 'delete' | 'resolve';

/** Compose a new post or edit one: title, body, access rule, and the actions a post allows. */
export function PostEditor({ accountId }: { accountId: string }) {
  const client = useStudioClient();
  const dispatch = useAppDispatch();
  const editor = useAppSelector((state) => state.postEditor.editor);
  const post = useAppSelector((state) => postById(state.posts, state.postEditor.editor?.postId ?? null));
  const [errors, setErrors] = useState<DraftErrors>({});
  const { busy, failure, notice, run: perform, fail } = useStudioCall<Busy>();
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  if (!editor) return null;
  const isNew = editor.postId === null;

  /** Saves the form if it is new or changed; returns the stored post, or null if it could not be saved. */
  async function saveIfNeeded(): Promise<LocalPost | null> {
    if (!editor) return null;
    if (!isNew && !editor.dirty && post) return post;
    const checked = checkDraft(editor);
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) {
      fail('Fix the fields marked below, then try again.');
      return null;
    }
    const postId = editor.postId;
    const saved = await perform(
      'save',
      () =>
        postId === null
          ? client.posts.create.mutate({ accountId, draft: checked.draft })
          : client.posts.update.mutate({ accountId, id: postId, draft: checked.draft }),
      'Saved.',
    );
    if (saved) {
      dispatch(postsStored({ accountId, posts: [saved] }));
      dispatch(editorSaved(saved));
    }
    return saved;
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    await saveIfNeeded();
  }

  async function setPublished(publish: boolean) {
    const saved = await saveIfNeeded();
    if (!saved) return;
    const id = saved.id;
    const changed = await perform(
      publish ? 'publish' : 'unpublish',
      () =>
        publish
          ? client.posts.publish.mutate({ accountId, id })
          : client.posts.unpublish.mutate({ accountId, id }),
      publish ? 'Published.' : 'Moved back to drafts.',
    );
    if (changed) dispatch(postsStored({ accountId, posts: [changed] }));
  }

  async function remove() {
    if (editor?.postId == null) return;
    const id = editor.postId;
    const done = await perform('delete', () => client.posts.delete.mutate({ accountId, id }), 'Deleted.');
    setConfirmingDelete(false);
    if (done) {
      dispatch(postsGone({ accountId, ids: [id] }));
      dispatch(editorClosed());
    }
  }

  async function resolve(keep: 'mine' | 'server') {
    if (!post) return;
    const resolved = await perform(
      'resolve',
      () => client.posts.resolveConflict.mutate({ accountId, id: post.id, keep }),
      keep === 'mine' ? 'Kept your version.' : "Kept the server's version.",
    );
    if (resolved) {
      dispatch(postsStored({ accountId, posts: [resolved] }));
      dispatch(editorRefreshed(resolved));
    }
  }

  const published = post?.status === 'published';
  const disabled = busy !== null;

  return (
    <form className="card editor" onSubmit={onSubmit} noValidate aria-labelledby="editor-title">
      <header className="editor-header">
        <h2 id="editor-title">{isNew ? 'New post' : 'Edit post'}</h2>
        <button type="button" className="button button--quiet" onClick={() => dispatch(editorClosed())}>
          Close
        </button>
      </header>

      {post?.syncState === 'conflict' && <ConflictPanel post={post} busy={disabled} onKeep={resolve} />}
      {post?.syncState === 'rejected' && (
        <p className="form-error" role="alert">
          The server refused the last change: {post.syncError ?? 'no reason given'}. Edit the post and save
          again, or delete it.
        </p>
      )}

      <Field label="Title" error={errors.title}>
        {(id, errorLink) => (
          <input
            id={id}
            value={editor.title}
            maxLength={POST_TITLE_MAX + 50}
            onChange={(event) => dispatch(textChanged({ title: event.target.value }))}
            {...errorLink}
          />
        )}
      </Field>

      <Field label="Body" error={errors.body}>
        {(id, errorLink) => (
          <textarea
            id={id}
            rows={10}
            value={editor.body}
            maxLength={POST_BODY_MAX + 500}
            onChange={(event) => dispatch(textChanged({ body: event.target.value }))}
            {...errorLink}
          />
        )}
      </Field>

      <AccessPicker state={editor.access} error={errors.access} />

      <CallOutcome failure={failure} notice={notice} />

      <div className="actions">
        <button type="submit" className="button button--primary" disabled={disabled}>
          {busy === 'save' ? 'Saving…' : 'Save'}
        </button>
        {published ? (
          <button type="button" className="button" disabled={disabled} onClick={() => setPublished(false)}>
            Unpublish
          </button>
        ) : (
          <button type="button" className="button" disabled={disabled} onClick={() => setPublished(true)}>
            Publish
          </button>
        )}
        {!isNew &&
          (confirmingDelete ? (
            <span className="confirm" role="group" aria-label="Confirm deletion">
              <span>Delete this post for good?</span>
              <button type="button" className="button button--danger" disabled={disabled} onClick={remove}>
                Confirm delete
              </button>
              <button
                type="button"
                className="button button--quiet"
                // Focus lands here so a stray Enter never deletes; Tab reaches "Confirm delete".
                autoFocus
                onClick={() => setConfirmingDelete(false)}
              >
                Cancel
              </button>
            </span>
          ) : (
            <button
              type="button"
              className="button button--danger-quiet"
              disabled={disabled}
              onClick={() => setConfirmingDelete(true)}
            >
              Delete
            </button>
          ))}
      </div>
    </form>
  );
}
