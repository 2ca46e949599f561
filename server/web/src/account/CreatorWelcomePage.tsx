import { Link, Navigate, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { authPath, creatorPath, welcomePath } from '../routing/paths';
import { safeNextPath } from '../routing/safe-next-path';
import { useAccount } from '../session/session';

/**
 * `/welcome`, where a creator lands after signing up: the address of their page, and how to put posts on it.
 * Posts are written in the studio (the desktop app), never on this site, so the page says where it is and how
 * to sign it in to this server. Signed-out visitors are asked to sign in; fans have nothing to set up here.
 */
export function CreatorWelcomePage() {
  useDocumentTitle('Welcome');
  const account = useAccount();
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));

  if (account === undefined) {
    return (
      <p className="page-status" role="status">
        Loading…
      </p>
    );
  }
  if (account === null) return <Navigate to={authPath('signin', welcomePath(next))} replace />;
  if (!account.handle) return <Navigate to={next} replace />;

  const server = window.location.origin;
  const pagePath = creatorPath(account.handle);
  return (
    <div className="welcome">
      <section className="welcome__intro" aria-labelledby="welcome-title">
        <h1 id="welcome-title">
          Welcome, <span dir="auto">{account.displayName}</span>
        </h1>
        <p className="welcome__lead">
          Your creator account is ready. Here is your page, and how to put your first post on it.
        </p>
      </section>

      <section className="card welcome__card" aria-labelledby="your-page-title">
        <h2 id="your-page-title">Your page</h2>
        <p>Fans find you at this address; share it wherever they know you.</p>
        <p className="welcome__address">
          <code>
            {server}
            {pagePath}
          </code>
        </p>
        <p className="welcome__note">It stays empty until you publish your first post.</p>
        <div className="welcome__actions">
          <Link to={pagePath} className="button button--primary">
            Open your page
          </Link>
          {next === '/' ? null : (
            <Link to={next} className="button">
              Back to where you were
            </Link>
          )}
        </div>
      </section>

      <section className="card welcome__card" aria-labelledby="write-posts-title">
        <h2 id="write-posts-title">Write posts in Mesi Studio</h2>
        <p>
          Posts are written and published in Mesi Studio, the app for creators, not on this website. It keeps
          your drafts on your computer, works offline, and publishes to your page when it is online.
        </p>
        <ol className="welcome__steps">
          <li>
            <strong>Start the studio.</strong> While Mesi is in development, run <code>npm start</code> in the
            Mesi project folder: it starts this server and the studio together. The studio opens in its own
            window, or, where the desktop app is not installed, at a browser address that{' '}
            <code>npm start</code> prints.
          </li>
          <li>
            <strong>Sign the studio in.</strong> Open <strong>Accounts</strong> and sign in with the server
            address <code>{server}</code>, your email <code>{account.email}</code> and your password.
          </li>
          <li>
            <strong>Publish.</strong> Open <strong>Content</strong>, choose <strong>New post</strong>, write,
            and press <strong>Publish</strong>. The post appears on your page.
          </li>
        </ol>
      </section>
    </div>
  );
}
