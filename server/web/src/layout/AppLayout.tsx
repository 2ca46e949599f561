import { Outlet, ScrollRestoration } from 'react-router';
import { useCardEntryConfig } from '../payments/useCardEntryConfig';
import { Header } from './Header';

/** Every page: the skip link, the header, the page the address asks for, and the footer. */
export function AppLayout() {
  // Asked with the page's first requests, so payment dialogs open with their card field (see useCardEntryConfig).
  useCardEntryConfig();
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
