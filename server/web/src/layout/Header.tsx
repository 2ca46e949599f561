import { useMutation } from '@tanstack/react-query';
import { Link, NavLink, useLocation } from 'react-router';
import { describeError } from '../api/error-message';
import { useTRPC } from '../api/trpc';
import { authPath, creatorPath, receiptsPath, subscriptionsPath } from '../routing/paths';
import { useAccount, useSessionUpdates } from '../session/session';
import { BrandMark } from './BrandMark';

// The pages that sign in or ask for a reset link: each links to the others itself.
const AUTH_PAGES = new Set(['/signin', '/signup', '/forgot-password']);

/**
 * The bar on every page: the brand, and who is signed in with a way out (or in), their subscriptions and
 * receipts, and a creator's own page.
 */
export function Header() {
  const trpc = useTRPC();
  const account = useAccount();
  const { signedOut } = useSessionUpdates();
  const { pathname, search } = useLocation();
  // The server clears the cookie; then the cache forgets the account and what it could see.
  const signOut = useMutation(trpc.accounts.signOut.mutationOptions({ onSuccess: signedOut }));

  const onAuthPage = AUTH_PAGES.has(pathname);
  const comeBackTo = pathname + search;

  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="brand" aria-label="Mesi home">
          <BrandMark />
          <span className="brand__name">Mesi</span>
        </Link>
        <nav className="site-header__account" aria-label="Account">
          {/* The sign-in and sign-up pages link to each other themselves; the bar stays quiet there. */}
          {account === undefined || (account === null && onAuthPage) ? null : account === null ? (
            <>
              <Link to={authPath('signin', comeBackTo)} className="button button--quiet">
                Sign in
              </Link>
              <Link to={authPath('signup', comeBackTo)} className="button button--primary">
                Sign up
              </Link>
            </>
          ) : (
            <>
              {/* Says it is the page shown (aria-current) when it is. */}
              <NavLink to={subscriptionsPath()} className="button button--quiet" end>
                My subscriptions
              </NavLink>
              <NavLink to={receiptsPath()} className="button button--quiet" end>
                Receipts
              </NavLink>
              {account.handle ? (
                <Link to={creatorPath(account.handle)} className="button button--quiet">
                  Your page
                </Link>
              ) : null}
              <span className="account-chip" title={account.email}>
                <span className="visually-hidden">Signed in as </span>
                <span className="account-chip__name" dir="auto">
                  {account.displayName}
                </span>
                {account.handle ? (
                  <span className="account-chip__handle" dir="auto">
                    @{account.handle}
                  </span>
                ) : null}
              </span>
              <button
                type="button"
                className="button button--quiet"
                onClick={() => signOut.mutate()}
                disabled={signOut.isPending}
              >
                Sign out
              </button>
            </>
          )}
        </nav>
      </div>
      {signOut.isError ? (
        <p className="site-header__error" role="alert">
          {describeError(signOut.error)}
        </p>
      ) : null}
    </header>
  );
}
