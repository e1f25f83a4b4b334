// The difference between two saved versions: a table of changed fields (before / after) and the unified
// diff of the rendered plain-text document, one text node per line, added and removed lines coloured.
import { useTranslation } from 'react-i18next';
import type { ProfileDiff } from '#shared/team/team.schemas';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { Loading } from '#web/ui/Page';
import { Table, type Column } from '#web/ui/Table';
import { usePathLabel } from './profile.labels';
import { diffLines, formatValue } from './team.format';
import { useProfileDiff } from './team.queries';

type Change = ProfileDiff['changes'][number];

function Value({ value }: { value: unknown }) {
  const { t } = useTranslation();
  const text = formatValue(value);
  if (text === null) return <span className="muted">{t('team.versions.empty')}</span>;
  return text.includes('\n') || text.length > 80 ? <pre className="diff-value">{text}</pre> : <span>{text}</span>;
}

export function VersionDiff({ from, to }: { from: number; to: number }) {
  const { t } = useTranslation();
  const labelOf = usePathLabel();
  const diff = useProfileDiff({ from, to });

  const columns: Column<Change>[] = [
    {
      key: 'field',
      header: t('team.versions.field'),
      cell: (c) => (
        <>
          {labelOf(c.path)} <code className="muted">{c.path}</code>
        </>
      ),
    },
    {
      key: 'before',
      header: t('team.versions.before', { version: from }),
      cell: (c) => <Value value={c.before} />,
      className: 'diff-cell',
    },
    { key: 'after', header: t('team.versions.after', { version: to }), cell: (c) => <Value value={c.after} />, className: 'diff-cell' },
  ];

  return (
    <section className="version-diff" aria-labelledby="version-diff-title">
      <h2 id="version-diff-title">{t('team.versions.diffTitle', { from, to })}</h2>
      <ErrorBanner error={diff.error} />
      {diff.isPending ? <Loading /> : null}
      {diff.data ? (
        <>
          <Table
            caption={t('team.versions.changesCaption', { from, to })}
            showCaption
            columns={columns}
            rows={diff.data.changes}
            rowKey={(c) => c.path}
            empty={t('team.versions.noChanges')}
          />
          <h3 id="version-text-diff">{t('team.versions.textDiff')}</h3>
          <p className="muted">{t('team.versions.textDiffHint')}</p>
          <pre className="text-diff" aria-labelledby="version-text-diff" tabIndex={0}>
            {diffLines(diff.data.textDiff).map((line, index) => (
              <span key={index} className={`diff-line diff-${line.kind}`}>
                {line.text}
                {'\n'}
              </span>
            ))}
          </pre>
        </>
      ) : null}
    </section>
  );
}
