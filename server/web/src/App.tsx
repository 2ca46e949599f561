import { SignInPage } from './account/SignInPage';
import { SignUpPage } from './account/SignUpPage';
import { CreatorPage } from './creator/CreatorPage';
import { Header } from './layout/Header';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { useLocation } from './routing/history';
import { matchRoute, type Route } from './routing/route';
import { SessionProvider } from './session/SessionProvider';

function Page({ route }: { readonly route: Route }) {
  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'creator':
      // Keyed by handle so going from one creator to another starts from a clean page.
      return <CreatorPage key={route.handle} handle={route.handle} />;
    case 'signIn':
      return <SignInPage />;
    case 'signUp':
      return <SignUpPage />;
    case 'notFound':
      return <NotFoundPage />;
  }
}

/** The fan web app: the header on every page, and the page the address asks for. */
export function App() {
  const { pathname } = useLocation();
  return (
    <SessionProvider>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header />
      <main id="main" className="page" tabIndex={-1}>
        <Page route={matchRoute(pathname)} />
      </main>
      <footer className="site-footer">
        <p>Mesi · made for creators and the people who follow them</p>
      </footer>
    </SessionProvider>
  );
}
