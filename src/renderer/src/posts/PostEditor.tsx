import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { LocalPost } from '@shared/domain/posts/local-post';
import { POST_BODY_MAX, POST_TITLE_MAX } from '@shared/domain/posts/post';
import { charCount } from '../forms/char-count';
import { Field } from '../forms/Field';
import { CallOutcome, useStudioCall } from '../forms/use-studio-call';
import { useAppDispatch, useAppSelector } from '../store/hooks';
import { changesDiscarded, editorClosed, editorRefreshed, editorSaved, textChanged } from './editor-slice';
import { postById, postsGone, postsStored } from './posts-slice';
import { useStudioClient } from '../transport/client-context';
import { AccessPicker } from './AccessPicker';
import { ConflictPanel } from './ConflictPanel';
import { checkDraft, type DraftErrors } from './draft-check';
import { ADD_MEDIA_ID, captionFieldId, MediaSection } from './MediaSection';
import { postNotice } from './post-notices';
import { checkWallTime, PUBLISH_WORDS } from './schedule-field';
import { EXPIRES_AT_ID, PUBLISH_AT_ID, ScheduleSection } from './ScheduleSection';

type Busy = 'save' | 'publish' | 'unpublish' | 'delete' | 'resolve';

/** What the editor's publish button does for a post in `status` (`scheduledAhead`: a publish time ahead is set). */
function publishAction(status: LocalPost['status'] | undefined, scheduledAhead: boolean) {
  if (status === 'published' || status === 'expired') return { publish: false, label: 'Unpublish' } as const;
  if (status === 'scheduled') return { publish: false, label: 'Cancel schedule' } as const;
  return { publish: true, label: scheduledAhead ? 'Schedule' : 'Publish' } as const;
}

/** The fields an error summary links to, in the order they appear. */
const FIELD_IDS: Readonly<Record<Exclude<keyof DraftErrors, 'captions'>, string>> = {
  title: 'post-title',
  body: 'post-body',
  media: ADD_MEDIA_ID,
  price: 'post-price',
  access: 'post-access',
  publishAt: PUBLISH_AT_ID,
  expiresAt: EXPIRES_AT_ID,
};

/** Every error of the form with the id of the field it is about, in the order the fields appear. */
function errorEntries(errors: DraftErrors): { id: string; message: string }[] {
  const entries: { id: string; message: string }[] = [];
  for (const field of Object.keys(FIELD_IDS) as (keyof typeof FIELD_IDS)[]) {
    const message = errors[field];
    if (message !== undefined) entries.push({ id: FIELD_IDS[field], message });
    // The captions sit in the media section, right after the body.
    if (field === 'media') {
      for (const [mediaId, caption] of Object.entries(errors.captions ?? {})) {
        entries.push({ id: captionFieldId(mediaId), message: `Caption: ${caption}` });
      }
    }
  }
  return entries;
}

/** The errors above the form, each a link to its field; shown while any remains, gone once all are fixed. */
function ErrorSummary({ errors }: { errors: DraftErrors }) {
  const entries = errorEntries(errors);
  if (entries.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title">
      <p id="error-summary-title" className="error-summary__title">
        {entries.length === 1 ? 'Fix this before saving:' : `Fix these ${entries.length} before saving:`}
      </p>
      <ul>
        {entries.map(({ id, message }) => (
          <li key={id}>
            <button
              type="button"
              className="link-button"
              onClick={() => document.getElementById(id)?.focus()}
            >
              {message}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Focus inside one of these keeps Escape for itself: it closes the dialog or menu, not the editor. */
const OWNS_ESCAPE =
  'dialog, [role="dialog"], [role="alertdialog"], [role="menu"], [role="menubar"], [role="listbox"], [aria-modal="true"]';

/**
 * Whether an Escape pressed with focus on `target` is the content screen's (`screen`): anywhere in it, or
 * nowhere in particular (the page itself), but not inside a dialog or menu, which close first.
 */
function escapeIsTheScreens(target: EventTarget | null, screen: Element | null): boolean {
  if (!(target instanceof Element) || screen === null) return false;
  if (target === document.body || target === document.documentElement) return true;
  return screen.contains(target) && target.closest(OWNS_ESCAPE) === null;
}

/** Whether a publish time ahead of now is set (Publish then schedules). */
function isAhead(instant: string | null | undefined): boolean {
  return instant != null && Date.parse(instant) > Date.now();
}

/** Compose a new post or edit one: title, body, access rule, and the actions a post allows. */
export function PostEditor({ accountId }: { accountId: string }) {
  const client = useStudioClient();
  const dispatch = useAppDispatch();
  const editor = useAppSelector((state) => state.postEditor.editor);
  const post = useAppSelector((state) => postById(state.posts, state.postEditor.editor?.postId ?? null));
  const connection = useAppSelector((state) => state.studio.state?.sync.state ?? null);
  // After a refused save the fields are checked as they are typed, so each message goes once it is fixed.
  const [checking, setChecking] = useState(false);
  const { busy, failure, notice, run: perform } = useStudioCall<Busy>();
  const [confirming, setConfirming] = useState<'delete' | 'close' | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  // What Escape does now (set on each render, so the one listener below always sees the current state).
  const onEscape = useRef<() => void>(() => undefined);

  // Escape closes the editor from anywhere in the content screen (the post list too), as it would a dialog:
  // one listener on the document, so focus on the list or on nothing at all counts as well as the form.
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing) return;
      const screen = formRef.current?.closest('.content') ?? null;
      if (!escapeIsTheScreens(event.target, screen)) return;
      event.preventDefault();
      onEscape.current();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  if (!editor) return null;
  const isNew = editor.postId === null;
  const checked = checking ? checkDraft(editor, editor.id) : null;
  const errors: DraftErrors = checked && !checked.ok ? checked.errors : {};
  const titleCount = charCount(editor.title, POST_TITLE_MAX);
  const bodyCount = charCount(editor.body, POST_BODY_MAX);

  /** Saves the form if it is new or changed; returns the stored post, or null if it could not be saved. */
  async function saveIfNeeded(): Promise<LocalPost | null> {
    if (!editor) return null;
    if (!isNew && !editor.dirty && post) return post;
    const draft = checkDraft(editor, editor.id);
    setChecking(true);
    if (!draft.ok) {
      // The summary above the fields appears (role=alert); focus goes to the first field to fix.
      const first = errorEntries(draft.errors)[0];
      if (first) document.getElementById(first.id)?.focus();
      return null;
    }
    const postId = editor.postId;
    const newId = editor.id;
    const saved = await perform(
      'save',
      () =>
        postId === null
          ? client.posts.create.mutate({ accountId, id: newId, draft: draft.draft })
          : client.posts.update.mutate({ accountId, id: postId, draft: draft.draft }),
      (stored) => postNotice('save', stored, connection),
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
    const wasScheduled = saved.status === 'scheduled';
    const changed = await perform(
      publish ? 'publish' : 'unpublish',
      () =>
        publish
          ? client.posts.publish.mutate({ accountId, id })
          : client.posts.unpublish.mutate({ accountId, id }),
      (stored) => {
        if (publish)
          return postNotice(stored.status === 'scheduled' ? 'schedule' : 'publish', stored, connection);
        return postNotice(wasScheduled ? 'unschedule' : 'unpublish', stored, connection);
      },
    );
    if (changed) dispatch(postsStored({ accountId, posts: [changed] }));
  }

  async function remove() {
    if (editor?.postId == null) return;
    const id = editor.postId;
    const done = await perform('delete', () => client.posts.delete.mutate({ accountId, id }), 'Deleted.');
    setConfirming(null);
    if (done) {
      dispatch(postsGone({ accountId, ids: [id] }));
      dispatch(changesDiscarded(null));
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

  /** Close, or Escape: at once when nothing is unsaved, else ask what to do with the changes. */
  function requestClose() {
    if (editor?.dirty) setConfirming('close');
    else dispatch(editorClosed());
  }

  // Escape answers an open question ("Keep editing", "Cancel") first, else it is Close.
  onEscape.current = () => {
    if (confirming !== null) setConfirming(null);
    else requestClose();
  };

  const publishTime = checkWallTime(editor.publishAt, editor.timeZone, new Date(), PUBLISH_WORDS);
  const scheduledAhead = publishTime.ok && isAhead(publishTime.instant);
  const action = publishAction(post?.status, scheduledAhead);
  const disabled = busy !== null;

  return (
    <form ref={formRef} className="card editor" onSubmit={onSubmit} noValidate aria-labelledby="editor-title">
      <header className="editor-header">
        <h2 id="editor-title">{isNew ? 'New post' : 'Edit post'}</h2>
        {editor.dirty && <span className="badge badge--unsaved">Unsaved changes</span>}
        <button type="button" className="button button--quiet" onClick={requestClose}>
          Close
        </button>
      </header>

      {confirming === 'close' && (
        <div className="confirm-close" role="group" aria-labelledby="confirm-close-title">
          <p id="confirm-close-title">This post has unsaved changes.</p>
          <div className="actions">
            <button type="button" className="button" onClick={() => dispatch(editorClosed())}>
              Keep as draft and close
            </button>
            <button
              type="button"
              className="button button--danger-quiet"
              onClick={() => dispatch(changesDiscarded(null))}
            >
              Discard changes
            </button>
            <button
              type="button"
              className="button button--quiet"
              // Focus lands here, so a stray Enter or Escape keeps editing.
              autoFocus
              onClick={() => setConfirming(null)}
            >
              Keep editing
            </button>
          </div>
        </div>
      )}

      <ErrorSummary errors={errors} />

      {post?.syncState === 'conflict' && <ConflictPanel post={post} busy={disabled} onKeep={resolve} />}
      {post?.syncState === 'rejected' && (
        <p className="form-error" role="alert">
          The server refused the last change: {post.syncError ?? 'no reason given'}. Edit the post and save
          again, or delete it.
        </p>
      )}

      <Field
        label="Title"
        id={FIELD_IDS.title}
        error={errors.title}
        hint={{ text: titleCount.text, warn: titleCount.over }}
      >
        {(id, errorLink) => (
          <input
            id={id}
            dir="auto"
            value={editor.title}
            // A new post starts with its title; an opened one leaves focus on the list.
            autoFocus={isNew}
            onChange={(event) => dispatch(textChanged({ title: event.target.value }))}
            {...errorLink}
          />
        )}
      </Field>

      <Field
        label="Body"
        id={FIELD_IDS.body}
        error={errors.body}
        hint={{ text: bodyCount.text, warn: bodyCount.over }}
      >
        {(id, errorLink) => (
          <textarea
            id={id}
            dir="auto"
            rows={10}
            value={editor.body}
            onChange={(event) => dispatch(textChanged({ body: event.target.value }))}
            {...errorLink}
          />
        )}
      </Field>

      <Field
        label="Price (pay-per-view)"
        id={FIELD_IDS.price}
        error={errors.price}
        hint={{ text: 'USD, from $0.50 to $1,000. Empty: not for sale.' }}
      >
        {(id, errorLink) => (
          <input
            id={id}
            inputMode="decimal"
            autoComplete="off"
            value={editor.price}
            placeholder="4.99"
            onChange={(event) => dispatch(textChanged({ price: event.target.value }))}
            {...errorLink}
          />
        )}
      </Field>

      <MediaSection
        accountId={accountId}
        media={editor.media}
        error={errors.media}
        captionErrors={errors.captions}
      />

      <AccessPicker state={editor.access} error={errors.access} postId={editor.id} />

      <ScheduleSection editor={editor} errors={errors} />

      <CallOutcome failure={failure} notice={notice} />

      <div className="actions">
        <button type="submit" className="button button--primary" disabled={disabled}>
          {busy === 'save' ? 'Saving…' : 'Save'}
        </button>
        <button
          type="button"
          className="button"
          disabled={disabled}
          onClick={() => setPublished(action.publish)}
        >
          {busy === 'publish' ? (scheduledAhead ? 'Scheduling…' : 'Publishing…') : action.label}
        </button>
        {/* While Close asks what to do with the changes, its question holds the only "Discard changes". */}
        {editor.dirty && !isNew && confirming !== 'close' && (
          <button
            type="button"
            className="button button--quiet"
            disabled={disabled}
            onClick={() => dispatch(changesDiscarded(post))}
          >
            Discard changes
          </button>
        )}
        {!isNew &&
          (confirming === 'delete' ? (
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
                onClick={() => setConfirming(null)}
              >
                Cancel
              </button>
            </span>
          ) : (
            <button
              type="button"
              className="button button--danger-quiet"
              disabled={disabled}
              onClick={() => setConfirming('delete')}
            >
              Delete
            </button>
          ))}
      </div>
    </form>
  );
}
