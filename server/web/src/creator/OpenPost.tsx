import { useId } from 'react';
import type { PageEntry } from '../api/types';
import { PostMeta } from './PostMeta';

type OpenEntry = Extract<PageEntry, { access: 'open' }>;

/** A post the viewer may read. The body is plain text: React escapes it, and CSS keeps its line breaks. */
export function OpenPost({ post }: { readonly post: OpenEntry }) {
  const titleId = useId();
  return (
    <article className="post" aria-labelledby={titleId}>
      <header className="post__header">
        <h2 id={titleId} className="post__title">
          {post.title.trim() || 'Untitled post'}
        </h2>
        <PostMeta publishedAt={post.publishedAt} />
      </header>
      <div className="post__body">{post.body}</div>
    </article>
  );
}
