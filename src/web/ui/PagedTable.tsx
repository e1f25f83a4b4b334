// A table that stays usable at thousands of rows: a filter box (matching the text each row gives) and
// pages of `pageSize` rows with "1–50 of 4,716" and previous/next. Short lists render as a plain table.
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';
import { Table, type TableProps } from './Table';

export interface PagedTableProps<T> extends TableProps<T> {
  /** The text a row is found by (lowercased before comparing). */
  filterText: (row: T) => string;
  pageSize?: number;
  /** Lists up to this length show no filter box (default 10). */
  filterFrom?: number;
}

export const DEFAULT_PAGE_SIZE = 50;

export function PagedTable<T>({ filterText, pageSize = DEFAULT_PAGE_SIZE, filterFrom = 10, rows, empty, ...table }: PagedTableProps<T>) {
  const { t, i18n } = useTranslation();
  const filterId = useId();
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(0);
  const deferred = useDeferredValue(query.trim().toLowerCase());
  const texts = useMemo(() => rows.map((row) => filterText(row).toLowerCase()), [rows, filterText]);
  const matching = useMemo(() => (deferred ? rows.filter((_, i) => texts[i]?.includes(deferred)) : rows), [rows, texts, deferred]);
  const pages = Math.max(1, Math.ceil(matching.length / pageSize));
  const current = Math.min(page, pages - 1);
  const shown = matching.slice(current * pageSize, (current + 1) * pageSize);
  const number = (n: number) => n.toLocaleString(i18n.language);

  return (
    <div className="paged-table">
      {rows.length > filterFrom ? (
        <div className="paged-table-filter">
          <label htmlFor={filterId} className="visually-hidden">
            {t('common.table.filter', { caption: table.caption })}
          </label>
          <input
            id={filterId}
            type="search"
            value={query}
            placeholder={t('common.table.filterPlaceholder')}
            onChange={(event) => {
              setQuery(event.target.value);
              setPage(0);
            }}
          />
          {deferred ? (
            <span className="muted" role="status">
              {t('common.table.filtered', { count: number(matching.length), total: number(rows.length) })}
            </span>
          ) : null}
        </div>
      ) : null}
      <Table {...table} rows={shown} empty={deferred && rows.length > 0 ? t('common.table.noMatch') : empty} />
      {matching.length > pageSize ? (
        <nav className="paged-table-pager" aria-label={table.caption}>
          <Button size="sm" disabled={current === 0} onClick={() => setPage(current - 1)}>
            {t('common.table.previous')}
          </Button>
          <span aria-live="polite">
            {t('common.table.range', {
              from: number(current * pageSize + 1),
              to: number(current * pageSize + shown.length),
              total: number(matching.length),
            })}
          </span>
          <Button size="sm" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
            {t('common.table.next')}
          </Button>
        </nav>
      ) : null}
    </div>
  );
}
