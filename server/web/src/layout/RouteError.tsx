import { Link } from 'react-router';
import { useDocumentTitle } from './useDocumentTitle';

/** What a page shows if it breaks while rendering: a calm apology and ways on, inside the usual header. */
export function RouteError() {
  useDocumentTitle('Something went wrong');
  return (
    <section className="empty-state" role="alert" aria-labelledby="route-error-title">
      <h1 id="route-error-title">Something went wrong</h1>
      <p>This page could not be shown. Reload to try again, or go back to the home page.</p>
      <div className="empty-state__actions">
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Reload
        </button>
        <Link to="/" className="button button--primary">
          Back to home
        </Link>
      </div>
    </section>
  );
}
