import { useId } from 'react';
import type { PageEntry } from '../api/types';
import { PostMedia } from '../media/PostMedia';
import { PostTipButton } from '../tips/TipControl';
import { PostMeta } from './PostMeta';

type OpenEntry = Extract<PageEntry, { access: 'open' }>;

/**
 * A post the viewer may read: its text, then its media (media/). The body is plain text: React escapes it, and CSS
 * keeps its line breaks; a post of media only has none. Title and body each take the direction of their own first
 * letters (`dir="auto"`), as the creator wrote them.
 */
export function OpenPost({
  post,
  handle,
  onTip,
}: {
  readonly post: OpenEntry;
  /** The creator's handle: media without a caption are described as theirs (`Photo 2 of 5 by @ana`). */
  readonly handle: string;
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
      {post.body.trim() !== '' ? (
        <div className="post__body" dir="auto">
          {post.body}
        </div>
      ) : null}
      <PostMedia media={post.media} handle={handle} />
      {onTip ? (
        <footer className="post__footer">
          <PostTipButton title={title} onTip={() => onTip(title)} />
        </footer>
      ) : null}
    </article>
  );
}
