import { describeRule } from '@shared/domain/access/describe';
import { formatAmount } from '@shared/domain/money/amount';
import type { LocalPost } from '@shared/domain/posts/local-post';
import { useAppDispatch, useAppSelector } from '../store/hooks';
import { hasUnsavedChanges, postOpened } from './editor-slice';
import { selectPosts } from './posts-slice';
import { SyncBadge } from '../shell/SyncBadge';

function PostRow({ post, selected }: { post: LocalPost; selected: boolean }) {
  const dispatch = useAppDispatch();
  const unsaved = useAppSelector((state) => hasUnsavedChanges(state.postEditor, post.id));
  return (
    <li className={`post-row${selected ? ' post-row--selected' : ''}`}>
      {/* The button is named by the title alone; its ::after covers the row, so all of it opens the post. */}
      <button
        type="button"
        className="post-open"
        aria-current={selected ? 'true' : undefined}
        aria-describedby={`post-meta-${post.id}`}
        onClick={() => dispatch(postOpened(post))}
        dir="auto"
      >
        {post.title.trim() === '' ? 'Untitled' : post.title}
      </button>
      <span className="post-meta" id={`post-meta-${post.id}`}>
        <span className={`badge badge--${post.status}`}>
          {post.status === 'published' ? 'Published' : 'Draft'}
        </span>
        <span className="post-access">
          {describeRule(post.accessRule)}
          {post.price &&
            ` · ${formatAmount({ currency: post.price.currency, minor: BigInt(post.price.minor) }, { symbol: true })}`}
        </span>
        <SyncBadge state={post.syncState} />
        {unsaved && <span className="badge badge--unsaved">Unsaved changes</span>}
      </span>
      {post.syncState === 'rejected' && post.syncError !== null && (
        <p className="post-sync-error">
          Refused by the server: <span dir="auto">{post.syncError}</span>
        </p>
      )}
    </li>
  );
}

/** The active account's posts, newest first, each with its status, audience and sync state. */
export function PostList() {
  const items = useAppSelector((state) => selectPosts(state.posts));
  const { loading, error } = useAppSelector((state) => state.posts);
  const selectedId = useAppSelector((state) => state.postEditor.editor?.postId ?? null);
  if (error !== null) {
    return (
      <p className="form-error" role="alert">
        The posts could not be loaded: {error}
      </p>
    );
  }
  if (items.length === 0) {
    return (
      <p className="muted empty">
        {loading ? 'Loading posts…' : 'No posts yet. Write your first one with “New post”.'}
      </p>
    );
  }
  return (
    <ul className="post-list" aria-label="Posts">
      {items.map((post) => (
        <PostRow key={post.id} post={post} selected={post.id === selectedId} />
      ))}
    </ul>
  );
}
