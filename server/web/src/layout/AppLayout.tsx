import { Outlet, ScrollRestoration } from 'react-router';
import { Header } from './Header';

/** Every page: the skip link, the header, the page the address asks for, and the footer. */
export function AppLayout() {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header />
      <main id="main" className="page" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>Mesi · made for creators and the people who follow them</p>
      </footer>
      {/* New pages start at the top; Back and Forward return to where the reader was. */}
      <ScrollRestoration />
    </>
  );
}
