// The route tree: /login is public; everything else sits behind RequireAuth inside the Shell, and
// each admin page behind the permission the navigation also checks. Pages load lazily per feature.
import { createBrowserRouter, createMemoryRouter, type RouteObject } from 'react-router';
import { RequireAuth, RequirePermission } from '#web/auth/guards';
import { RootLayout } from '#web/layout/RootLayout';
import { Shell } from '#web/layout/Shell';
import { FullPageLoading, NotFoundPage, RouteErrorPage } from '#web/layout/StatusPages';

export const routes: RouteObject[] = [
  {
    element: <RootLayout />,
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <FullPageLoading />,
    children: [
      { path: '/login', lazy: async () => ({ Component: (await import('#web/auth/LoginPage')).LoginPage }) },
      {
        element: <RequireAuth />,
        children: [
          {
            element: <Shell />,
            children: [
              { index: true, lazy: async () => ({ Component: (await import('#web/home/HomePage')).HomePage }) },
              { path: 'account', lazy: async () => ({ Component: (await import('#web/account/AccountPage')).AccountPage }) },
              {
                path: 'admin/users',
                element: <RequirePermission permission="users:manage" />,
                children: [{ index: true, lazy: async () => ({ Component: (await import('#web/users/UsersPage')).UsersPage }) }],
              },
              {
                path: 'admin/tokens',
                element: <RequirePermission permission="tokens:manage" />,
                children: [{ index: true, lazy: async () => ({ Component: (await import('#web/tokens/TokensPage')).TokensPage }) }],
              },
              {
                path: 'team/profile',
                element: <RequirePermission permission="team:read" />,
                children: [
                  { index: true, lazy: async () => ({ Component: (await import('#web/team/ProfilePage')).ProfilePage }) },
                  { path: 'versions', lazy: async () => ({ Component: (await import('#web/team/VersionsPage')).VersionsPage }) },
                ],
              },
              {
                path: 'audit',
                element: <RequirePermission permission="audit:read" />,
                children: [{ index: true, lazy: async () => ({ Component: (await import('#web/audit/AuditPage')).AuditPage }) }],
              },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
];

export const createAppRouter = () => createBrowserRouter(routes);

/** For tests: the same routes at a given URL, without touching window.history. */
export const createTestRouter = (initialPath: string) => createMemoryRouter(routes, { initialEntries: [initialPath] });
