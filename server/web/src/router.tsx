import { createBrowserRouter } from 'react-router';
import { SignInPage } from './account/SignInPage';
import { SignUpPage } from './account/SignUpPage';
import { CreatorRoute } from './creator/CreatorPage';
import { AppLayout } from './layout/AppLayout';
import { RouteError } from './layout/RouteError';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';

/**
 * The fan web app's pages. The server answers each of these addresses with the app and that page's own head
 * (and a 404 status for unknown creators and paths); the app then shows the page itself.
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
            { path: 'signin', element: <SignInPage /> },
            { path: 'signup', element: <SignUpPage /> },
            { path: 'c/:handle', element: <CreatorRoute /> },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
