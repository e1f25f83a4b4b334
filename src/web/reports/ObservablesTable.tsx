// Observables (IPs, domains, URLs, hashes…) found in a report or gathered on an incident: type, value as
// text, whether it was refanged, and the organisations whose assets it matches, as links.
import { useTranslation } from 'react-i18next';
import { ObservableType } from '#shared/observables/observables';
import type { Organisation } from '#shared/organisations/organisations.schemas';
import { OrganisationLink } from '#web/organisations/OrganisationLink';
import { Badge } from '#web/ui/Badge';
import { Table, type Column } from '#web/ui/Table';

export interface ObservableRow {
  key: string;
  type: string;
  value: string;
  refanged?: boolean;
  /** The attached file it was found in, if not in the text. */
  source?: string | null;
  matchedOrganisationIds: readonly string[];
}

export function ObservablesTable({
  rows,
  organisations,
}: {
  rows: readonly ObservableRow[];
  organisations: ReadonlyMap<string, Organisation>;
}) {
  const { t } = useTranslation();
  const typeLabel = (type: string) => {
    const parsed = ObservableType.safeParse(type);
    return parsed.success ? t(`observables.type.${parsed.data}`) : type;
  };
  const columns: Column<ObservableRow>[] = [
    { key: 'type', header: t('observables.table.type'), cell: (o) => typeLabel(o.type), className: 'nowrap' },
    {
      key: 'value',
      header: t('observables.table.value'),
      className: 'observable-value',
      cell: (o) => (
        <>
          <code>{o.value}</code> {o.refanged ? <Badge tone="info">{t('observables.table.refanged')}</Badge> : null}
          {o.source ? <span className="muted"> {t('observables.table.fromFile', { file: o.source })}</span> : null}
        </>
      ),
    },
    {
      key: 'matches',
      header: t('observables.table.matches'),
      cell: (o) =>
        o.matchedOrganisationIds.length === 0 ? (
          <span className="muted">{t('observables.table.noMatch')}</span>
        ) : (
          <ul className="inline-list">
            {o.matchedOrganisationIds.map((id) => (
              <li key={id}>
                <OrganisationLink id={id} byId={organisations} />
              </li>
            ))}
          </ul>
        ),
    },
  ];
  return (
    <Table
      caption={t('observables.table.caption')}
      columns={columns}
      rows={rows}
      rowKey={(o) => o.key}
      empty={t('observables.table.empty')}
    />
  );
}
