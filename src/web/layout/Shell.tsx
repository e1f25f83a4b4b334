// The signed-in frame: skip link, header (brand, main navigation, notifications, user menu) and the <main> landmark.
// On each route change focus moves to <main> so screen readers start at the new content. The navigation is one
// line on wide screens and a "Menu" disclosure on narrow ones (CSS decides which; the markup is the same).
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { useSignedInSession } from '#web/auth/auth.queries';
import { NotificationsMenu } from '#web/notifications/NotificationsMenu';
import { usePopover } from '#web/ui/usePopover';
import { allowedNavItems, homePathFor } from './navigation';
import { UserMenu } from './UserMenu';

export function Shell() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const menu = usePopover();

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [pathname]);

  const items = allowedNavItems(session.permissions, session.user.role).filter((item) => item.inNav);

  return (
    <div className="app">
      <a
        href="#main"
        className="skip-link"
        onClick={(event) => {
          event.preventDefault();
          mainRef.current?.focus();
        }}
      >
        {t('layout.skipLink')}
      </a>
      <header className="app-header">
        <Link to={homePathFor(session.user.role)} className="brand">
          <span className="brand-mark" aria-hidden="true" />
          {t('common.appName')}
        </Link>
        <nav aria-label={t('layout.nav.label')} className="app-nav">
          <div className="app-nav-menu" {...menu.rootProps}>
            <button className="app-nav-toggle" {...menu.buttonProps}>
              {t('layout.nav.menu')}
              <span aria-hidden="true">▾</span>
            </button>
            <ul id={menu.panelProps.id} data-open={menu.open ? '' : undefined}>
              {items.map((item) => (
                <li key={item.path}>
                  <NavLink to={item.path} end={item.path === '/'} onClick={menu.close}>
                    {t(item.labelKey)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        </nav>
        <div className="header-tools">
          <NotificationsMenu />
          <UserMenu />
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="app-main">
        <Outlet />
      </main>
    </div>
  );
}
