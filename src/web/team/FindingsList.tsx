// What the importer found in a document, grouped by severity (errors, warnings, notes): a badge, the
// RFC 2350 section and line, and the finding worded in the reader's language from its code and parameters.
import { useTranslation } from 'react-i18next';
import type { Finding, FindingSeverity } from '#shared/rfc2350/findings';
import { Badge, type BadgeTone } from '#web/ui/Badge';
import { findingText } from './findings.format';

const severities: readonly FindingSeverity[] = ['error', 'warning', 'info'];

function toneOf(severity: FindingSeverity): BadgeTone {
  switch (severity) {
    case 'error':
      return 'danger';
    case 'warning':
      return 'warning';
    case 'info':
      return 'info';
    default: {
      const never: never = severity;
      return never;
    }
  }
}

export function FindingsList({ findings }: { findings: readonly Finding[] }) {
  const { t, i18n } = useTranslation();
  if (findings.length === 0) return <p className="status-ok">{t('team.import.noFindings')}</p>;
  return (
    <div className="findings">
      {severities.map((severity) => {
        const group = findings.filter((f) => f.severity === severity);
        if (group.length === 0) return null;
        const titleId = `findings-${severity}`;
        return (
          <section key={severity} aria-labelledby={titleId}>
            <h3 id={titleId}>{t(`team.import.groups.${severity}`, { count: group.length })}</h3>
            <ul className="findings-list">
              {group.map((f, index) => {
                const translated = findingText(t, f, i18n.language);
                return (
                  <li key={`${f.code}-${f.line ?? 0}-${index}`} className="finding">
                    <Badge tone={toneOf(severity)}>{t(`team.import.severity.${severity}`)}</Badge>
                    <span className="finding-where">
                      {f.section ? t('team.import.section', { section: f.section }) : null}
                      {f.section && f.line ? ' · ' : null}
                      {f.line ? t('team.import.line', { line: f.line }) : null}
                    </span>
                    <span className="finding-text">{translated}</span>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
