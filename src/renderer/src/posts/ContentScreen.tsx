import { useAppDispatch, useAppSelector } from '../store/hooks';
import { activeAccount } from '../store/studio-slice';
import { hasUnsavedChanges, newPostStarted } from './editor-slice';
import { PostEditor } from './PostEditor';
import { PostList } from './PostList';
import './content.css';

/** The creator's posts on the left, the compose/edit form on the right. */
export function ContentScreen() {
  const dispatch = useAppDispatch();
  const account = useAppSelector((state) => activeAccount(state.studio));
  const editing = useAppSelector((state) => state.postEditor.editor !== null);
  const session = useAppSelector((state) => state.postEditor.session);
  // A new post left unsaved: "New post" brings it back, and says so.
  const newDraftKept = useAppSelector(
    (state) => state.postEditor.editor?.postId !== null && hasUnsavedChanges(state.postEditor, null),
  );

  if (!account) {
    return (
      <section className="content">
        <h1 id="screen-title">Content</h1>
        <p className="muted">
          Sign in with a creator account (under Accounts in the navigation) to write and publish posts.
        </p>
      </section>
    );
  }

  return (
    <section className="content">
      <header className="screen-header">
        <h1 id="screen-title">Content</h1>
        <button type="button" className="button button--primary" onClick={() => dispatch(newPostStarted())}>
          New post
          {newDraftKept && <span className="button-note"> (unsaved draft)</span>}
        </button>
      </header>
      <div className={`content-columns${editing ? ' content-columns--editing' : ''}`}>
        <PostList accountId={account.id} />
        {editing && <PostEditor key={session} accountId={account.id} />}
      </div>
    </section>
  );
}
