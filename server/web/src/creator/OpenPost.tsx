import { useId } from 'react';
import type { PageEntry } from '../api/types';
import { PostTipButton } from '../tips/TipControl';
import { PostMeta } from './PostMeta';

type OpenEntry = Extract<PageEntry, { access: 'open' }>;

/**
 * A post the viewer may read. The body is plain text: React escapes it, and CSS keeps its line breaks. Title
 * and body each take the direction of their own first letters (`dir="auto"`), as the creator wrote them.
 */
export function OpenPost({
  post,
  onTip,
}: {
  readonly post: OpenEntry;
  /** Opens the tip dialog for this post, by its title. */
  readonly onTip?: ((title: string) => void) | undefined;
}) {
  const titleId = useId();
  const title = post.title.trim() || 'Untitled post';
  return (
    <article className="post" aria-labelledby={titleId}>
      <header className="post__header">
        <h2 id={titleId} className="post__title" dir="auto">
          {title}
        </h2>
        <PostMeta publishedAt={post.publishedAt} />
      </header>
      <div className="post__body" dir="auto">
        {post.body}
      </div>
      {onTip ? (
        <footer className="post__footer">
          <PostTipButton title={title} onTip={() => onTip(title)} />
        </footer>
      ) : null}
    </article>
  );
}
