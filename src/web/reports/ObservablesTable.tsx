// Observables (IPs, domains, URLs, hashes…) found in a report or gathered on an incident: type, value as
// text, whether it was refanged or is a private/reserved address (matched to no one), and the organisations
// whose assets it matches, as links. Paged and filterable: a log can give thousands.
import { useTranslation } from 'react-i18next';
import { ObservableType } from '#shared/observables/observables';
import { addressRange, type AddressRange } from '#shared/observables/ranges';
import type { Organisation } from '#shared/organisations/organisations.schemas';
import { OrganisationLink } from '#web/organisations/OrganisationLink';
import { Badge } from '#web/ui/Badge';
import { PagedTable } from '#web/ui/PagedTable';
import type { Column } from '#web/ui/Table';

export interface ObservableRow {
  key: string;
  type: string;
  value: string;
  refanged?: boolean;
  /** The attached file it was found in, if not in the text. */
  source?: string | null;
  matchedOrganisationIds: readonly string[];
  /** The special range as the server marked it; computed here when absent. */
  range?: AddressRange | null;
}

const rangeOf = (o: ObservableRow): AddressRange | null => (o.range === undefined ? addressRange(o.type, o.value) : o.range);
const filterText = (o: ObservableRow) => `${o.type} ${o.value} ${o.source ?? ''}`;

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
      cell: (o) => {
        const range = rangeOf(o);
        return (
          <>
            <code>{o.value}</code> {o.refanged ? <Badge tone="info">{t('observables.table.refanged')}</Badge> : null}
            {range ? (
              <span title={t('observables.table.rangeHint')}>
                {' '}
                <Badge tone="neutral">{t(`observables.table.range.${range}`)}</Badge>
              </span>
            ) : null}
            {o.source ? <span className="muted"> {t('observables.table.fromFile', { file: o.source })}</span> : null}
          </>
        );
      },
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
    <PagedTable
      caption={t('observables.table.caption')}
      filterText={filterText}
      columns={columns}
      rows={rows}
      rowKey={(o) => o.key}
      empty={t('observables.table.empty')}
    />
  );
}
