// The route tree: /login and the public report pages (/report, /report/track/:token) need no account;
// everything else sits behind RequireAuth inside the Shell, and each page behind the permission (and
// audience: team or constituent portal) the navigation also checks. Pages load lazily per feature.
import { createBrowserRouter, createMemoryRouter, type RouteObject } from 'react-router';
import type { Permission } from '#shared/permissions';
import { RequireAuth, RequirePermission } from '#web/auth/guards';
import type { Audience } from '#web/layout/navigation';
import { PublicLayout } from '#web/layout/PublicLayout';
import { RootLayout } from '#web/layout/RootLayout';
import { Shell } from '#web/layout/Shell';
import { FullPageLoading, NotFoundPage, RouteErrorPage } from '#web/layout/StatusPages';

type Lazy = NonNullable<RouteObject['lazy']>;

/** A page behind a permission (and an audience): `path` → guard → the lazily loaded page. */
function guarded(path: string, permission: Permission, lazy: Lazy, audience: Audience = 'all'): RouteObject {
  return { path, element: <RequirePermission permission={permission} audience={audience} />, children: [{ index: true, lazy }] };
}

export const routes: RouteObject[] = [
  {
    element: <RootLayout />,
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <FullPageLoading />,
    children: [
      { path: '/login', lazy: async () => ({ Component: (await import('#web/auth/LoginPage')).LoginPage }) },
      {
        // Why public: people outside the constituency report incidents here and follow them through the
        // secret tracking link; neither page shows anything but what that person sent or may know.
        element: <PublicLayout />,
        children: [
          { path: '/report', lazy: async () => ({ Component: (await import('#web/reports/PublicReportPage')).PublicReportPage }) },
          { path: '/report/track/:token', lazy: async () => ({ Component: (await import('#web/reports/TrackingPage')).TrackingPage }) },
        ],
      },
      {
        element: <RequireAuth />,
        children: [
          {
            element: <Shell />,
            children: [
              { index: true, lazy: async () => ({ Component: (await import('#web/home/HomePage')).HomePage }) },
              { path: 'account', lazy: async () => ({ Component: (await import('#web/account/AccountPage')).AccountPage }) },
              guarded('portal', 'reports:submit', async () => ({ Component: (await import('#web/portal/PortalPage')).PortalPage })),
              guarded('portal/report', 'reports:submit', async () => ({
                Component: (await import('#web/portal/PortalReportPage')).PortalReportPage,
              })),
              guarded('queue', 'reports:read', async () => ({ Component: (await import('#web/reports/QueuePage')).QueuePage }), 'team'),
              guarded('reports/:id', 'reports:read', async () => ({ Component: (await import('#web/reports/ReportPage')).ReportPage })),
              guarded(
                'incidents',
                'incidents:read',
                async () => ({ Component: (await import('#web/incidents/IncidentsPage')).IncidentsPage }),
                'team',
              ),
              guarded('incidents/:id', 'incidents:read', async () => ({
                Component: (await import('#web/incidents/IncidentPage')).IncidentPage,
              })),
              guarded(
                'organisations',
                'organisations:read',
                async () => ({ Component: (await import('#web/organisations/OrganisationsPage')).OrganisationsPage }),
                'team',
              ),
              guarded('organisations/:id', 'organisations:read', async () => ({
                Component: (await import('#web/organisations/OrganisationPage')).OrganisationPage,
              })),
              guarded(
                'mailbox',
                'mailbox:read',
                async () => ({ Component: (await import('#web/mailbox/MailboxPage')).MailboxPage }),
                'team',
              ),
              guarded('duty', 'duty:read', async () => ({ Component: (await import('#web/duty/DutyPage')).DutyPage }), 'team'),
              guarded('admin/users', 'users:manage', async () => ({ Component: (await import('#web/users/UsersPage')).UsersPage })),
              guarded('admin/tokens', 'tokens:manage', async () => ({ Component: (await import('#web/tokens/TokensPage')).TokensPage })),
              {
                path: 'team/profile',
                element: <RequirePermission permission="team:read" />,
                children: [
                  { index: true, lazy: async () => ({ Component: (await import('#web/team/ProfilePage')).ProfilePage }) },
                  { path: 'versions', lazy: async () => ({ Component: (await import('#web/team/VersionsPage')).VersionsPage }) },
                ],
              },
              guarded('audit', 'audit:read', async () => ({ Component: (await import('#web/audit/AuditPage')).AuditPage })),
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
