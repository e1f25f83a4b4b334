// Home: who is signed in (name, e-mail, role, last sign-in, two-factor state) and links to the
// pages this session may use.
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { useSignedInSession } from '#web/auth/auth.queries';
import { allowedNavItems, homePathFor } from '#web/layout/navigation';
import { Badge } from '#web/ui/Badge';
import { useFormatDateTime } from '#web/ui/format';
import { PageHeader } from '#web/ui/Page';

export function HomePage() {
  const { t } = useTranslation();
  const { user, permissions } = useSignedInSession();
  const formatDateTime = useFormatDateTime();
  const links = allowedNavItems(permissions, user.role).filter((item) => item.descriptionKey !== null);

  // Constituent users have their own home, the portal.
  if (homePathFor(user.role) !== '/') return <Navigate to={homePathFor(user.role)} replace />;

  return (
    <>
      <PageHeader title={t('home.page.title')}>
        <p className="muted">{t('home.page.welcome', { name: user.name })}</p>
      </PageHeader>
      <section className="panel" aria-labelledby="home-identity">
        <h2 id="home-identity">{t('home.page.identity')}</h2>
        <dl className="details">
          <dt>{t('home.page.name')}</dt>
          <dd>{user.name}</dd>
          <dt>{t('home.page.email')}</dt>
          <dd>{user.email}</dd>
          <dt>{t('home.page.role')}</dt>
          <dd>
            <Badge tone="info">{t(`roles.${user.role}`)}</Badge>
          </dd>
          <dt>{t('home.page.totp')}</dt>
          <dd>
            {user.totpEnabled ? <Badge tone="success">{t('common.enabled')}</Badge> : <Badge tone="warning">{t('common.disabled')}</Badge>}
          </dd>
          <dt>{t('home.page.lastLogin')}</dt>
          <dd>{formatDateTime(user.lastLoginAt)}</dd>
        </dl>
      </section>
      <section aria-labelledby="home-links">
        <h2 id="home-links">{t('home.page.links')}</h2>
        <ul className="link-cards">
          {links.map((item) => (
            <li key={item.path}>
              <Link to={item.path} className="link-card">
                <span className="link-card-title">{t(item.labelKey)}</span>
                {item.descriptionKey ? <span className="link-card-text">{t(item.descriptionKey)}</span> : null}
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
