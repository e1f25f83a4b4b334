// An audit event's summary as readable lines: translated field names, values in the reader's language
// (yes/no, numbers, dates), nested objects as indented lines and recorded changes as "before → after".
// Rendered generically from whatever the server recorded: no per-action layout to keep in step.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '#web/ui/format';
import { useAuditLabels } from './auditLabels';

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
// Actions whose summary is the server's `changes(before, after)`: { field: [before, after] }.
const changeActions = /\.(update|update-self|enable|disable)$/;
const isScalar = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function useScalar(): (value: unknown) => string {
  const { t, i18n } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const number = new Intl.NumberFormat(i18n.language);
  return (value) => {
    if (value === null || value === undefined || value === '') return t('audit.summary.none');
    if (typeof value === 'boolean') return value ? t('audit.summary.yes') : t('audit.summary.no');
    if (typeof value === 'number') return number.format(value);
    if (typeof value === 'string') return isoInstant.test(value) ? formatDateTime(value) : value;
    return JSON.stringify(value);
  };
}

function Fields({ record, action }: { record: Record<string, unknown>; action?: string }) {
  const labels = useAuditLabels();
  const entries = Object.entries(record);
  return (
    <dl className="audit-summary">
      {entries.map(([key, value]) => (
        <div key={key} className="audit-summary-line">
          <dt>{labels.field(key)}</dt>
          <dd>
            <Value value={value} change={action !== undefined && changeActions.test(action)} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Value({ value, change = false }: { value: unknown; change?: boolean }): ReactNode {
  const { t } = useTranslation();
  const scalar = useScalar();
  if (change && Array.isArray(value) && value.length === 2 && value.every(isScalar)) {
    return t('audit.summary.change', { before: scalar(value[0]), after: scalar(value[1]) });
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">{t('audit.summary.none')}</span>;
    if (value.every(isScalar)) return value.map(scalar).join(', ');
    return (
      <ul className="audit-summary-list">
        {(value as unknown[]).map((item, index) => (
          <li key={index}>{isRecord(item) ? <Fields record={item} /> : <Value value={item} />}</li>
        ))}
      </ul>
    );
  }
  if (isRecord(value)) return <Fields record={value} />;
  if (value === null || value === undefined || value === '') return <span className="muted">{scalar(value)}</span>;
  return scalar(value);
}

/** `redacted`: the server reduced the summary to what the reader may learn (the item's reference); say so. */
export function AuditSummary({
  action,
  summary,
  redacted = false,
}: {
  action: string;
  summary: Record<string, unknown>;
  redacted?: boolean;
}) {
  const { t } = useTranslation();
  const withheld = redacted ? <p className="muted audit-withheld">{t('audit.summary.withheld')}</p> : null;
  if (Object.keys(summary).length === 0) return withheld;
  return (
    <>
      <Fields record={summary} action={action} />
      {withheld}
    </>
  );
}
