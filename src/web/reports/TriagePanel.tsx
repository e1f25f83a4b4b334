// The triage decision on a new report: create an incident (pre-filled, two clicks from the report),
// link it to an incident, mark it a duplicate, not an incident, or out of constituency (with a reply
// the reporter sees on the tracking page). A triaged report shows the decision taken instead.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { TriageDecision } from '#shared/incidents/incidents.schemas';
import type { Organisation } from '#shared/organisations/organisations.schemas';
import type { Report } from '#shared/reports/reports.schemas';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { CreateIncidentForm } from './CreateIncidentForm';
import { IncidentPicker } from './IncidentPicker';
import { DecisionBadge } from './ReportBadges';
import { ReplyDecisionForm } from './ReplyDecisionForm';
import { useTriageReport } from './reports.queries';

type Mode = 'create' | 'link' | 'duplicate' | 'not-incident' | 'out-of-constituency';
const modes: readonly Mode[] = ['create', 'link', 'duplicate', 'not-incident', 'out-of-constituency'];

function TriageDone({ report }: { report: Report }) {
  const { t } = useTranslation();
  return (
    <>
      <p>{report.decision ? <DecisionBadge decision={report.decision} /> : t('reports.triage.closed')}</p>
      {report.incidentId ? (
        <p>
          <Link to={`/incidents/${encodeURIComponent(report.incidentId)}`}>{t('reports.page.openIncident')}</Link>
        </p>
      ) : null}
      {report.decisionNote ? <p className="prewrap">{report.decisionNote}</p> : null}
      {report.publicReply ? (
        <>
          <h3>{t('reports.triage.publicReply')}</h3>
          <p className="prewrap">{report.publicReply}</p>
        </>
      ) : null}
    </>
  );
}

function LinkForm({ busy, onConfirm, onCancel }: { busy: boolean; onConfirm: (incidentId: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [incidentId, setIncidentId] = useState<string | null>(null);
  return (
    <form
      className="triage-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (incidentId) onConfirm(incidentId);
      }}
    >
      <IncidentPicker value={incidentId} onChange={setIncidentId} />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={busy} disabled={!incidentId}>
          {t('reports.triage.confirm')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}

export function TriagePanel({ report, organisations }: { report: Report; organisations: readonly Organisation[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const triage = useTriageReport(report.id);
  const [mode, setMode] = useState<Mode | null>(null);

  if (report.status !== 'new') {
    return (
      <section className="panel" aria-labelledby="triage-title">
        <h2 id="triage-title">{t('reports.triage.title')}</h2>
        <TriageDone report={report} />
      </section>
    );
  }

  const decide = async (decision: TriageDecision) => {
    const result = await triage.mutateAsync(decision);
    setMode(null);
    if (result.incident) await navigate(`/incidents/${encodeURIComponent(result.incident.id)}`);
  };
  const cancel = () => {
    triage.reset();
    setMode(null);
  };

  const form = (() => {
    switch (mode) {
      case null:
        return null;
      case 'create':
        return (
          <CreateIncidentForm
            report={report}
            organisations={organisations}
            busy={triage.isPending}
            onCancel={cancel}
            onConfirm={(values) => decide({ decision: 'incident', newIncident: values })}
          />
        );
      case 'link':
        return (
          <LinkForm
            busy={triage.isPending}
            onCancel={cancel}
            onConfirm={(id) => void decide({ decision: 'incident', incidentId: id }).catch(() => undefined)}
          />
        );
      case 'duplicate':
        return (
          <LinkForm
            busy={triage.isPending}
            onCancel={cancel}
            onConfirm={(id) => void decide({ decision: 'duplicate', incidentId: id }).catch(() => undefined)}
          />
        );
      case 'not-incident':
      case 'out-of-constituency':
        return (
          <ReplyDecisionForm
            key={mode}
            kind={mode}
            busy={triage.isPending}
            onCancel={cancel}
            onConfirm={(note, publicReply) => decide({ decision: mode, note, publicReply })}
          />
        );
      default: {
        const never: never = mode;
        return never;
      }
    }
  })();

  return (
    <section className="panel triage-panel" aria-labelledby="triage-title">
      <h2 id="triage-title">{t('reports.triage.title')}</h2>
      <div className="triage-buttons" role="group" aria-label={t('reports.triage.decisions')}>
        {modes.map((m) => (
          <Button
            key={m}
            size="sm"
            variant={m === 'create' ? 'primary' : 'secondary'}
            aria-pressed={mode === m}
            onClick={() => {
              triage.reset();
              setMode(m);
            }}
          >
            {t(`reports.triage.mode.${m}`)}
          </Button>
        ))}
      </div>
      {mode ? <h3 className="triage-form-title">{t(`reports.triage.mode.${mode}`)}</h3> : null}
      <ErrorBanner error={triage.error} />
      {form}
    </section>
  );
}
