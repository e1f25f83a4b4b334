// The content of a report: who reported it, what happened (as text), the technical elements (as
// preformatted text), the observables found in them and the attached files.
import { useTranslation } from 'react-i18next';
import type { Organisation } from '#shared/organisations/organisations.schemas';
import type { Report } from '#shared/reports/reports.schemas';
import { useFormatDateTime } from '#web/ui/format';
import { AttachmentsTable } from './AttachmentsTable';
import { ObservablesTable } from './ObservablesTable';

export function ReportBody({ report, organisations }: { report: Report; organisations: ReadonlyMap<string, Organisation> }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const none = <span className="muted">—</span>;
  const fileNames = new Map(report.attachments.map((a) => [a.id, a.filename]));
  return (
    <>
      <section className="panel" aria-labelledby="report-reporter">
        <h2 id="report-reporter">{t('reports.page.reporter')}</h2>
        {report.reporterAnonymous ? <p className="notice notice-info">{t('reports.page.anonymous')}</p> : null}
        <dl className="details">
          <dt>{t('reports.page.reporterName')}</dt>
          <dd>{report.reporterName ?? none}</dd>
          <dt>{t('reports.page.reporterOrganisation')}</dt>
          <dd>{report.reporterOrganisation ?? none}</dd>
          <dt>{t('reports.page.reporterEmail')}</dt>
          <dd>{report.reporterEmail ?? none}</dd>
          <dt>{t('reports.page.reporterPhone')}</dt>
          <dd>{report.reporterPhone ?? none}</dd>
        </dl>
      </section>
      <section className="panel" aria-labelledby="report-description">
        <h2 id="report-description">{t('reports.page.description')}</h2>
        {report.occurredAt ? <p className="muted">{t('reports.page.occurredAt', { when: formatDateTime(report.occurredAt) })}</p> : null}
        <p className="prewrap">{report.description}</p>
      </section>
      <section className="panel" aria-labelledby="report-evidence">
        <h2 id="report-evidence">{t('reports.page.evidence')}</h2>
        {report.evidence ? <pre className="evidence">{report.evidence}</pre> : <p className="muted">{t('reports.page.noEvidence')}</p>}
      </section>
      <section aria-labelledby="report-observables" className="record-section">
        <h2 id="report-observables">{t('reports.page.observables', { count: report.observables.length })}</h2>
        {report.observablesTruncated ? <p className="notice notice-warning">{t('reports.page.observablesTruncated')}</p> : null}
        <ObservablesTable
          organisations={organisations}
          rows={report.observables.map((o) => ({
            key: o.id,
            type: o.type,
            value: o.value,
            refanged: o.refanged,
            source: o.attachmentId ? fileNames.get(o.attachmentId) : null,
            matchedOrganisationIds: o.matchedOrganisationIds,
            range: o.range,
          }))}
        />
      </section>
      <section aria-labelledby="report-attachments" className="record-section">
        <h2 id="report-attachments">{t('reports.page.attachments', { count: report.attachments.length })}</h2>
        <AttachmentsTable attachments={report.attachments} />
      </section>
    </>
  );
}
