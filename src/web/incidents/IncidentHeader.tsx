// The top of an incident page: reference, title, status, priority, urgency and score (with what each input
// adds), RSIT category, service level, TLP/PAP, organisation and owner.
import { useTranslation } from 'react-i18next';
import { scoreIncident } from '#shared/incidents/criticality';
import type { Incident } from '#shared/incidents/incidents.schemas';
import type { Organisation } from '#shared/organisations/organisations.schemas';
import { OrganisationLink } from '#web/organisations/OrganisationLink';
import { useFormatDateTime } from '#web/ui/format';
import { PapBadge, PriorityBadge, TlpBadge } from '#web/ui/LabelBadges';
import { PageHeader } from '#web/ui/Page';
import { CriticalityFactors } from './CriticalityPreviewView';
import { IncidentStatusBadge, IncidentUrgentBadge } from './IncidentBadges';
import { useRsitLabels } from './rsit.labels';

export function IncidentHeader({ incident, organisations }: { incident: Incident; organisations: ReadonlyMap<string, Organisation> }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const { className, typeName } = useRsitLabels();
  const none = <span className="muted">—</span>;
  return (
    <>
      <PageHeader title={incident.title}>
        <p className="record-meta">
          <span className="record-reference">{incident.reference}</span>
          <IncidentStatusBadge status={incident.status} />
          <PriorityBadge priority={incident.priority} />
          {incident.urgent ? <IncidentUrgentBadge /> : null}
          <TlpBadge label={incident.tlp} />
          <PapBadge label={incident.pap} />
        </p>
      </PageHeader>
      <section className="panel" aria-label={t('incidents.page.summary')}>
        <dl className="details details-columns">
          <dt>{t('incidents.fields.category')}</dt>
          <dd>
            {className(incident.categoryClass)} / {typeName(incident.categoryClass, incident.categoryType)}
          </dd>
          <dt>{t('incidents.fields.score')}</dt>
          <dd>
            <strong>{incident.score}</strong> <PriorityBadge priority={incident.priority} />
            {/* The recorded inputs explain the recorded score: the same formula, so the same numbers. */}
            <CriticalityFactors result={{ ...incident, factors: scoreIncident(incident).factors }} />
          </dd>
          <dt>{t('incidents.fields.serviceLevel')}</dt>
          <dd>{t(`incidents.serviceLevel.${incident.serviceLevel}`)}</dd>
          <dt>{t('incidents.fields.organisation')}</dt>
          <dd>
            {incident.organisationId ? (
              <OrganisationLink id={incident.organisationId} byId={organisations} name={incident.organisationName} />
            ) : (
              none
            )}
          </dd>
          <dt>{t('incidents.fields.owner')}</dt>
          <dd>{incident.ownerName ?? <span className="muted">{t('users.owner.unassigned')}</span>}</dd>
          <dt>{t('incidents.fields.created')}</dt>
          <dd>
            <time dateTime={incident.createdAt}>{formatDateTime(incident.createdAt)}</time>
          </dd>
        </dl>
        {incident.description ? <p className="prewrap">{incident.description}</p> : null}
      </section>
    </>
  );
}
