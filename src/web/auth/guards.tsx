// Route guards: RequireAuth sends visitors without a session to /login (remembering where they were
// going); RequirePermission shows "not allowed" when the session lacks the page's permission or the
// page is not meant for the user's audience (team pages for constituent users, and the reverse).
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Permission } from '#shared/permissions';
import { inAudience, type Audience } from '#web/layout/navigation';
import { ForbiddenPage, FullPageLoading } from '#web/layout/StatusPages';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { hasPermission, useSession } from './auth.queries';

/** Only same-app paths are accepted as a return target, so a crafted ?next= cannot send users elsewhere. */
export function safeNext(raw: string | null): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  if (raw === '/login' || raw.startsWith('/login?')) return '/';
  return raw;
}

export function loginPathFor(target: string): string {
  return target === '/' ? '/login' : `/login?next=${encodeURIComponent(target)}`;
}

export function RequireAuth() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <FullPageLoading />;
  if (session.isError && session.data === undefined) {
    return (
      <main id="main" className="status-page status-page-standalone">
        <ErrorBanner error={session.error} />
        <Button variant="primary" onClick={() => void session.refetch()}>
          {t('common.retry')}
        </Button>
      </main>
    );
  }
  if (!session.data) return <Navigate to={loginPathFor(`${location.pathname}${location.search}`)} replace />;
  return <Outlet />;
}

export function RequirePermission({ permission, audience = 'all' }: { permission: Permission; audience?: Audience }) {
  const session = useSession();
  const allowed =
    hasPermission(session.data, permission) &&
    session.data !== null &&
    session.data !== undefined &&
    inAudience(session.data.user.role, audience);
  return allowed ? <Outlet /> : <ForbiddenPage />;
}
