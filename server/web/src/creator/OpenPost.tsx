import { useId } from 'react';
import type { PageEntry } from '../api/types';
import { PostMeta } from './PostMeta';

type OpenEntry = Extract<PageEntry, { access: 'open' }>;

/**
 * A post the viewer may read. The body is plain text: React escapes it, and CSS keeps its line breaks. Title
 * and body each take the direction of their own first letters (`dir="auto"`), as the creator wrote them.
 */
export function OpenPost({ post }: { readonly post: OpenEntry }) {
  const titleId = useId();
  return (
    <article className="post" aria-labelledby={titleId}>
      <header className="post__header">
        <h2 id={titleId} className="post__title" dir="auto">
          {post.title.trim() || 'Untitled post'}
        </h2>
        <PostMeta publishedAt={post.publishedAt} />
      </header>
      <div className="post__body" dir="auto">
        {post.body}
      </div>
    </article>
  );
}
