import { useEffect, useState, type FormEvent } from 'react';
import { Field } from '../forms/Field';
import { CallOutcome, useStudioCall } from '../forms/use-studio-call';
import { postOpened } from '../posts/editor-slice';
import { postById } from '../posts/posts-slice';
import { screenChosen } from '../shell/navigation-slice';
import { useAppDispatch, useAppSelector } from '../store/hooks';
import { useStudioClient } from '../transport/client-context';
import { checkItemForm, itemForm, type ItemForm } from './item-form';
import { MediaThumb } from './MediaThumb';
import { ModalDialog } from './ModalDialog';
import type { VaultItem } from './vault-item';
import { readStamp } from './read-stamp';
import { itemOpened, itemsGone, itemsStored } from './vault-slice';
import { fileSize, mediaFacts, serverStatusText } from './vault-words';

type Busy = 'save' | 'delete';

/** The posts using the item, each opening in the Content screen. */
function UsedIn({ accountId, itemId }: { accountId: string; itemId: string }) {
  const client = useStudioClient();
  const dispatch = useAppDispatch();
  const posts = useAppSelector((state) => state.posts);
  const [usedIn, setUsedIn] = useState<readonly { id: string; title: string }[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    client.vault.usedIn
      .query({ accountId, id: itemId })
      .then((answer) => current && setUsedIn(answer.posts))
      .catch(() => current && setError('Where it is used could not be loaded.'));
    return () => {
      current = false;
    };
  }, [accountId, client, itemId]);

  function open(postId: string) {
    const post = postById(posts, postId);
    if (!post) return;
    dispatch(itemOpened(null));
    dispatch(screenChosen('content'));
    dispatch(postOpened(post));
  }

  return (
    <section className="used-in" aria-labelledby="used-in-title">
      <h3 id="used-in-title">Used in</h3>
      {error !== null ? (
        <p className="muted">{error}</p>
      ) : usedIn === null ? (
        <p className="muted">Looking…</p>
      ) : usedIn.length === 0 ? (
        <p className="muted">No post uses it yet.</p>
      ) : (
        <ul>
          {usedIn.map((post) => (
            <li key={post.id}>
              {postById(posts, post.id) ? (
                <button type="button" className="link-button" dir="auto" onClick={() => open(post.id)}>
                  {post.title.trim() === '' ? 'Untitled' : post.title}
                </button>
              ) : (
                <span dir="auto">{post.title.trim() === '' ? 'Untitled' : post.title}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** An item's details: its picture and facts, title, tags and notes to edit, where it is used, and Delete. */
export function ItemDetailsDialog({ accountId, item }: { accountId: string; item: VaultItem }) {
  const client = useStudioClient();
  const dispatch = useAppDispatch();
  const [form, setForm] = useState<ItemForm>(() => itemForm(item));
  const [checking, setChecking] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const { busy, failure, notice, run } = useStudioCall<Busy>();
  const close = () => dispatch(itemOpened(null));

  const check = checkItemForm(form);
  const errors = checking && !check.ok ? check.errors : {};

  async function save(event: FormEvent) {
    event.preventDefault();
    setChecking(true);
    if (!check.ok) {
      document.getElementById('vault-item-title')?.focus();
      return;
    }
    const read = readStamp();
    const saved = await run(
      'save',
      () => client.vault.update.mutate({ accountId, id: item.id, change: check.change }),
      'Saved.',
    );
    if (saved) {
      dispatch(itemsStored({ accountId, items: [saved], read }));
      setForm(itemForm(saved));
    }
  }

  async function remove() {
    const done = await run(
      'delete',
      () => client.vault.delete.mutate({ accountId, id: item.id }),
      'Deleted.',
    );
    setConfirmDelete(false);
    if (done) dispatch(itemsGone({ accountId, ids: [item.id] }));
  }

  const set = (change: Partial<ItemForm>) => setForm((before) => ({ ...before, ...change }));
  const disabled = busy !== null;

  return (
    <ModalDialog title={item.title} onClose={close} wide>
      <div className="item-details">
        <div className="item-details__media">
          <MediaThumb media={item} />
          <dl className="item-facts">
            <dt>What</dt>
            <dd>{mediaFacts(item)}</dd>
            <dt>File</dt>
            <dd dir="auto">
              {item.originalName} ({fileSize(item.bytes)})
            </dd>
            <dt>Server</dt>
            <dd dir="auto">{serverStatusText(item.serverStatus, item.serverFailure)}</dd>
          </dl>
          <UsedIn accountId={accountId} itemId={item.id} />
        </div>

        <form className="item-details__form" onSubmit={save} noValidate aria-label="Details">
          <Field label="Title" id="vault-item-title" error={errors.title}>
            {(id, errorLink) => (
              <input
                id={id}
                dir="auto"
                value={form.title}
                onChange={(e) => set({ title: e.target.value })}
                {...errorLink}
              />
            )}
          </Field>
          <Field label="Tags" id="vault-item-tags" hint={{ text: 'Separate tags with commas.' }}>
            {(id, errorLink) => (
              <input
                id={id}
                dir="auto"
                autoComplete="off"
                value={form.tags}
                placeholder="beach, summer"
                onChange={(e) => set({ tags: e.target.value })}
                {...errorLink}
              />
            )}
          </Field>
          <Field label="Notes" id="vault-item-notes">
            {(id) => (
              <textarea
                id={id}
                dir="auto"
                rows={4}
                value={form.notes}
                onChange={(e) => set({ notes: e.target.value })}
              />
            )}
          </Field>

          <CallOutcome failure={failure} notice={notice} />

          <div className="actions">
            <button type="submit" className="button button--primary" disabled={disabled}>
              {busy === 'save' ? 'Saving…' : 'Save'}
            </button>
            {confirmDelete ? (
              <span className="confirm" role="group" aria-label="Confirm deletion">
                <span>Delete this item from your vault?</span>
                <button type="button" className="button button--danger" disabled={disabled} onClick={remove}>
                  Confirm delete
                </button>
                <button
                  type="button"
                  className="button button--quiet"
                  // Focus lands here so a stray Enter never deletes.
                  autoFocus
                  onClick={() => setConfirmDelete(false)}
                >
                  Keep it
                </button>
              </span>
            ) : (
              <button
                type="button"
                className="button button--danger-quiet"
                disabled={disabled}
                onClick={() => setConfirmDelete(true)}
              >
                Delete
              </button>
            )}
          </div>
        </form>
      </div>
    </ModalDialog>
  );
}
