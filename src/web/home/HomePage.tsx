// Home: what needs the signed-in user now (reports waiting for triage, urgent first with their due time;
// their open incidents; who is on duty), the first-use checklist for admins and leads until the team is
// set up or they hide it for the team (team:edit; they may show it again), and links to the pages this
// session may use. Constituent users go to their portal.
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import type { ChecklistState, ChecklistStep, HomeState } from '#shared/home/home.schemas';
import { hasPermission, useSignedInSession } from '#web/auth/auth.queries';
import { allowedNavItems, homePathFor } from '#web/layout/navigation';
import { Badge, type BadgeTone } from '#web/ui/Badge';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFormatDateTime } from '#web/ui/format';
import { Loading, PageHeader } from '#web/ui/Page';
import { useChecklistVisibility, useHome } from './home.queries';

/** Where each set-up step is done; mail settings come with messaging, so they have no page yet. */
const STEP_PATH: Record<ChecklistStep, string | null> = {
  profile: '/team/profile',
  key: '/team/profile',
  publication: '/team/profile',
  organisations: '/organisations',
  duty: '/duty',
  mail: null,
};
const STATE_TONE: Record<ChecklistState, BadgeTone> = { done: 'success', todo: 'warning', later: 'neutral' };

function Checklist({ steps, canHide }: { steps: NonNullable<HomeState['checklist']>; canHide: boolean }) {
  const { t } = useTranslation();
  const visibility = useChecklistVisibility();
  const done = steps.filter((s) => s.state === 'done').length;
  return (
    <section className="panel home-checklist" aria-labelledby="home-checklist">
      <div className="section-header">
        <h2 id="home-checklist">{t('home.checklist.title')}</h2>
        {canHide ? (
          <Button size="sm" variant="ghost" busy={visibility.isPending} onClick={() => visibility.mutate(true)}>
            {t('home.checklist.hide')}
          </Button>
        ) : null}
      </div>
      <ErrorBanner error={visibility.error} />
      <p className="muted">{t('home.checklist.progress', { done, total: steps.filter((s) => s.state !== 'later').length })}</p>
      <ol className="checklist">
        {steps.map(({ step, state }) => {
          const path = STEP_PATH[step];
          const label = t(`home.checklist.steps.${step}`);
          return (
            <li key={step} className={`checklist-item checklist-${state}`}>
              <span className="checklist-label">{path && state === 'todo' ? <Link to={path}>{label}</Link> : label}</span>
              <Badge tone={STATE_TONE[state]}>{t(`home.checklist.state.${state}`)}</Badge>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** The way back to a checklist the team hid while steps remain. */
function HiddenChecklist() {
  const { t } = useTranslation();
  const visibility = useChecklistVisibility();
  return (
    <div className="notice notice-info home-checklist-hidden">
      <span>{t('home.checklist.hidden')}</span>{' '}
      <Button size="sm" busy={visibility.isPending} onClick={() => visibility.mutate(false)}>
        {t('home.checklist.show')}
      </Button>
      <ErrorBanner error={visibility.error} />
    </div>
  );
}

function Reports({ reports }: { reports: HomeState['reports'] }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
    <section className="panel" aria-labelledby="home-reports">
      <h2 id="home-reports">{t('home.reports.title')}</h2>
      {reports.items.length === 0 ? (
        <p className="muted">{t('home.reports.empty')}</p>
      ) : (
        <>
          <p className="muted">
            {t('home.reports.summary', { count: reports.total })}
            {reports.urgent > 0 && `, ${t('home.reports.summaryUrgent', { count: reports.urgent })}`}
          </p>
          <ul className="home-list">
            {reports.items.map((r) => (
              <li key={r.id}>
                <span className="home-item-title">
                  {r.urgent ? <Badge tone="danger">{t('home.reports.urgent')}</Badge> : null}{' '}
                  <Link to={`/reports/${encodeURIComponent(r.id)}`}>
                    {r.reference} · {r.title}
                  </Link>
                </span>
                <span className="home-item-meta">
                  {r.dueAt ? (
                    <>
                      {t('home.due')} <time dateTime={r.dueAt}>{formatDateTime(r.dueAt)}</time>
                    </>
                  ) : null}{' '}
                  {r.breached ? <Badge tone="danger">{t('home.breached')}</Badge> : null}
                </span>
              </li>
            ))}
          </ul>
          <Link to="/queue">{t('home.reports.all', { count: reports.total })}</Link>
        </>
      )}
    </section>
  );
}

function Incidents({ incidents }: { incidents: HomeState['incidents'] }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
    <section className="panel" aria-labelledby="home-incidents">
      <h2 id="home-incidents">{t('home.incidents.title')}</h2>
      {incidents.items.length === 0 ? (
        <p className="muted">{t('home.incidents.empty')}</p>
      ) : (
        <ul className="home-list">
          {incidents.items.map((i) => (
            <li key={i.id}>
              <span className="home-item-title">
                <Badge tone="info">{i.priority}</Badge>{' '}
                <Link to={`/incidents/${encodeURIComponent(i.id)}`}>
                  {i.reference} · {i.title}
                </Link>
              </span>
              <span className="home-item-meta">
                {i.dueAt ? (
                  <>
                    {t('home.due')} <time dateTime={i.dueAt}>{formatDateTime(i.dueAt)}</time>
                  </>
                ) : null}{' '}
                {i.breached ? <Badge tone="danger">{t('home.breached')}</Badge> : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Duty({ duty }: { duty: NonNullable<HomeState['duty']> }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="home-duty">
      <h2 id="home-duty">{t('home.duty.title')}</h2>
      <dl className="details">
        <dt>{t('duty.now.officer')}</dt>
        <dd>{duty.onDuty ? <strong>{duty.onDuty.name}</strong> : <span className="muted">{t('duty.now.nobody')}</span>}</dd>
        <dt>{t('duty.now.backup')}</dt>
        <dd>{duty.backup ? duty.backup.name : <span className="muted">{t('duty.now.nobody')}</span>}</dd>
      </dl>
      {duty.source && duty.source !== 'shift' ? <p className="notice notice-warning">{t(`duty.source.${duty.source}`)}</p> : null}
      <Link to="/duty">{t('home.duty.link')}</Link>
    </section>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const { user, permissions } = session;
  const canHide = hasPermission(session, 'team:edit');
  const home = useHome();
  const links = allowedNavItems(permissions, user.role).filter((item) => item.descriptionKey !== null);

  // Constituent users have their own home, the portal.
  if (homePathFor(user.role) !== '/') return <Navigate to={homePathFor(user.role)} replace />;

  return (
    <>
      <PageHeader title={t('home.page.title')}>
        <p className="muted">{t('home.page.welcome', { name: user.name })}</p>
      </PageHeader>
      <ErrorBanner error={home.error} />
      {home.isPending ? (
        <Loading />
      ) : home.data ? (
        <>
          {home.data.checklist ? <Checklist steps={home.data.checklist} canHide={canHide} /> : null}
          {home.data.checklistHidden && canHide ? <HiddenChecklist /> : null}
          {home.data.breached > 0 ? (
            <p className="notice notice-warning">{t('home.breachedSummary', { count: home.data.breached })}</p>
          ) : null}
          <div className="home-grid">
            <Reports reports={home.data.reports} />
            <div>
              {home.data.duty ? <Duty duty={home.data.duty} /> : null}
              <Incidents incidents={home.data.incidents} />
            </div>
          </div>
        </>
      ) : null}
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
