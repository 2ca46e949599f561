import { type ReactNode } from 'react';
import { Link } from 'react-router';
import { useDocumentTitle } from '../layout/useDocumentTitle';

interface NotFoundPageProps {
  readonly title?: string;
  readonly children?: ReactNode;
}

/** A calm dead end with a way back home. */
export function NotFoundPage({ title = 'Page not found', children }: NotFoundPageProps) {
  useDocumentTitle(title);
  return (
    <section className="empty-state" aria-labelledby="not-found-title">
      <p className="empty-state__code" aria-hidden="true">
        404
      </p>
      <h1 id="not-found-title">{title}</h1>
      <p>{children ?? 'The address may be mistyped, or the page may have moved.'}</p>
      <Link to="/" className="button button--primary">
        Back to home
      </Link>
    </section>
  );
}
