import { formatPostDate } from '../format/post-date';

/** The publication date of a post, machine-readable too. */
export function PostMeta({ publishedAt }: { readonly publishedAt: string | Date }) {
  const iso = typeof publishedAt === 'string' ? publishedAt : publishedAt.toISOString();
  return (
    <p className="post__meta">
      <time dateTime={iso}>{formatPostDate(publishedAt)}</time>
    </p>
  );
}
