import { createBrowserRouter, Navigate } from 'react-router';
import { CreatorWelcomePage } from './account/CreatorWelcomePage';
import { ForgotPasswordPage } from './account/ForgotPasswordPage';
import { ResetPasswordPage } from './account/ResetPasswordPage';
import { SignInPage } from './account/SignInPage';
import { SignUpPage } from './account/SignUpPage';
import { CreatorRoute } from './creator/CreatorPage';
import { AppLayout } from './layout/AppLayout';
import { RouteError } from './layout/RouteError';
import { WatchRoute } from './live/WatchPage';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ReceiptsPage } from './receipts/ReceiptsPage';
import { MySubscriptionsPage } from './subscriptions/MySubscriptionsPage';

/**
 * The fan web app's pages. The server answers each of these addresses with the app and that page's own head
 * (and a 404 status for unknown creators and paths); the app then shows the page itself. Paths match case by
 * case, as the server's do, so an address the server answered 404 never shows a page here.
 */
export function createAppRouter() {
  return createBrowserRouter([
    {
      element: <AppLayout />,
      children: [
        {
          // Inside the layout, so a page that breaks keeps the header and its way home.
          errorElement: <RouteError />,
          children: [
            { index: true, element: <HomePage /> },
            // The server answers /index.html with the home page; the address then becomes the home's own.
            { path: 'index.html', caseSensitive: true, element: <Navigate to="/" replace /> },
            { path: 'signin', caseSensitive: true, element: <SignInPage /> },
            { path: 'signup', caseSensitive: true, element: <SignUpPage /> },
            { path: 'welcome', caseSensitive: true, element: <CreatorWelcomePage /> },
            { path: 'forgot-password', caseSensitive: true, element: <ForgotPasswordPage /> },
            // Opened from the reset mail; its token rides in the fragment (#token=…).
            { path: 'reset-password', caseSensitive: true, element: <ResetPasswordPage /> },
            { path: 'c/:handle', caseSensitive: true, element: <CreatorRoute /> },
            { path: 'c/:handle/live/:streamId', caseSensitive: true, element: <WatchRoute /> },
            { path: 'subscriptions', caseSensitive: true, element: <MySubscriptionsPage /> },
            { path: 'receipts', caseSensitive: true, element: <ReceiptsPage /> },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
