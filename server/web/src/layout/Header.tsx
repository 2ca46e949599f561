import { useState } from 'react';
import { describeError } from '../api/error-message';
import { useLocation } from '../routing/history';
import { Link } from '../routing/Link';
import { authPath } from '../routing/route';
import { useSession } from '../session/session-context';
import { BrandMark } from './BrandMark';

/** The bar on every page: the brand, and who is signed in with a way out (or in). */
export function Header() {
  const { account, signOut } = useSession();
  const { pathname, search } = useLocation();
  const [signOutError, setSignOutError] = useState<string | null>(null);
  const [signingOut, setSigningOut] = useState(false);

  const onAuthPage = pathname === '/signin' || pathname === '/signup';
  const comeBackTo = pathname + search;

  const handleSignOut = async () => {
    setSigningOut(true);
    setSignOutError(null);
    try {
      await signOut();
    } catch (error) {
      setSignOutError(describeError(error));
    } finally {
      setSigningOut(false);
    }
  };

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
              <span className="account-chip" title={account.email}>
                <span className="visually-hidden">Signed in as </span>
                <span className="account-chip__name">{account.displayName}</span>
                {account.handle ? <span className="account-chip__handle">@{account.handle}</span> : null}
              </span>
              <button
                type="button"
                className="button button--quiet"
                onClick={() => void handleSignOut()}
                disabled={signingOut}
              >
                Sign out
              </button>
            </>
          )}
        </nav>
      </div>
      {signOutError ? (
        <p className="site-header__error" role="alert">
          {signOutError}
        </p>
      ) : null}
    </header>
  );
}
