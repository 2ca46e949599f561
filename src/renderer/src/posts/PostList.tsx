import { describeRule } from '@shared/domain/access/describe';
import { formatAmount } from '@shared/domain/money/amount';
import type { LocalPost } from '@shared/domain/posts/local-post';
import type { MediaSummary } from '../vault/vault-item';
import { useAppDispatch, useAppSelector } from '../store/hooks';
import { hasUnsavedChanges, postOpened } from './editor-slice';
import { selectPosts } from './posts-slice';
import { SyncBadge } from '../shell/SyncBadge';
import { MediaThumb } from '../vault/MediaThumb';
import { useMediaSummaries } from '../vault/use-media-summaries';
import { postWhen, STATUS_LABELS } from './post-when';

function PostRow({
  post,
  selected,
  cover,
  now,
}: {
  post: LocalPost;
  selected: boolean;
  cover: MediaSummary | null | undefined;
  now: Date;
}) {
  const dispatch = useAppDispatch();
  const unsaved = useAppSelector((state) => hasUnsavedChanges(state.postEditor, post.id));
  const when = postWhen(post, now);
  const count = post.media?.length ?? 0;
  return (
    <li className={`post-row${selected ? ' post-row--selected' : ''}${count > 0 ? ' post-row--media' : ''}`}>
      {count > 0 && (
        <span className="post-row__cover">
          {cover ? (
            <MediaThumb media={cover} size="small" />
          ) : (
            <span className="media-thumb media-thumb--small" />
          )}
        </span>
      )}
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
        <span className={`badge badge--${post.status}`}>{STATUS_LABELS[post.status]}</span>
        {when !== null && <span className="post-when">{when}</span>}
        {count > 0 && (
          <span className="post-access">{count === 1 ? '1 media item' : `${count} media items`}</span>
        )}
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

/**
 * The active account's posts, newest first, each with its first media item's picture, its status (and when it
 * publishes or expires), audience and sync state.
 */
export function PostList({ accountId }: { accountId: string }) {
  const items = useAppSelector((state) => selectPosts(state.posts));
  const covers = useMediaSummaries(
    accountId,
    items.flatMap((post) => (post.media?.[0] ? [post.media[0].mediaId] : [])),
  );
  // One "now" per render: every row reads the same moment (Publishes / Due since).
  const now = new Date();
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
        <PostRow
          key={post.id}
          post={post}
          selected={post.id === selectedId}
          cover={post.media?.[0] ? covers[post.media[0].mediaId] : undefined}
          now={now}
        />
      ))}
    </ul>
  );
}
