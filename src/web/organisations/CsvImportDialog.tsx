// CSV import of organisations and assets: a file or pasted text is first checked (dry run: what would be
// created, updated, added, and the errors per line, paged and filtered); only a clean check can then be imported.
import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { CsvLineError, type CsvImportResult } from '#shared/organisations/organisations.schemas';
import { Button } from '#web/ui/Button';
import { Dialog, DialogActions } from '#web/ui/Dialog';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { PagedTable } from '#web/ui/PagedTable';
import type { Column } from '#web/ui/Table';
import { TextArea } from '#web/ui/TextArea';
import { TextField } from '#web/ui/TextField';
import { useImportOrganisations } from './organisations.queries';

type LineError = z.infer<typeof CsvLineError>;
export const CSV_HEADER = 'organisation,kind,sector,criticality,services,country,asset_kind,asset_value';
const MAX_BYTES = 5_000_000;

function ResultSummary({ result }: { result: CsvImportResult }) {
  const { t } = useTranslation();
  // Each count agrees with its own noun (plural keys), then the sentence puts them together.
  if (result.dryRun) {
    return (
      <p>
        {t('organisations.import.wouldDo', {
          organisations: t('organisations.import.organisations', { count: result.organisationsCreated }),
          updated: result.organisationsUpdated,
          assets: t('organisations.import.assets', { count: result.assetsAdded }),
        })}
      </p>
    );
  }
  return (
    <p>
      {t('organisations.import.done', {
        created: t('organisations.import.created', { count: result.organisationsCreated }),
        updated: t('organisations.import.updated', { count: result.organisationsUpdated }),
        added: t('organisations.import.added', { count: result.assetsAdded }),
      })}
    </p>
  );
}

/** What an error row is found by in the filter box: its line, field and message. */
const errorText = (e: LineError) => `${e.line} ${e.field ?? ''} ${e.message}`;

export function CsvImportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const importCsv = useImportOrganisations();
  const [csv, setCsv] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const [result, setResult] = useState<CsvImportResult | null>(null);

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setLocalError(null);
    if (!file) return;
    if (file.size > MAX_BYTES) return setLocalError(t('organisations.import.tooLarge'));
    file.text().then(
      (text) => {
        setCsv(text);
        setResult(null);
      },
      () => setLocalError(t('organisations.import.readFailed')),
    );
  };

  const run = (dryRun: boolean) => {
    setLocalError(null);
    if (csv.trim() === '') return setLocalError(t('organisations.import.empty'));
    importCsv.mutate({ csv, dryRun }, { onSuccess: setResult });
  };

  const columns: Column<LineError>[] = [
    { key: 'line', header: t('organisations.import.line'), cell: (e) => e.line, className: 'numeric' },
    { key: 'field', header: t('organisations.import.field'), cell: (e) => (e.field ? <code>{e.field}</code> : null) },
    { key: 'message', header: t('organisations.import.message'), cell: (e) => e.message },
  ];
  const checkedClean = result?.dryRun === true && result.errors.length === 0;
  const imported = result?.dryRun === false && result.errors.length === 0;

  return (
    <Dialog title={t('organisations.import.title')} onClose={onClose} size="lg">
      <p>{t('organisations.import.text')}</p>
      <p>
        <code className="csv-header">{CSV_HEADER}</code>
      </p>
      {imported ? null : (
        <>
          <TextField label={t('organisations.import.file')} type="file" accept=".csv,text/csv,text/plain" onChange={onFile} />
          <TextArea
            label={t('organisations.import.paste')}
            rows={8}
            className="mono"
            spellCheck={false}
            value={csv}
            onChange={(event) => {
              setCsv(event.target.value);
              setResult(null);
            }}
          />
        </>
      )}
      {localError ? (
        <p className="field-error" role="alert">
          {localError}
        </p>
      ) : null}
      <ErrorBanner error={importCsv.error} />
      <div aria-live="polite">
        {result && result.errors.length === 0 ? <ResultSummary result={result} /> : null}
        {result && result.errors.length > 0 ? (
          <>
            <p className="notice notice-warning">{t('organisations.import.hasErrors', { count: result.errors.length })}</p>
            <PagedTable
              caption={t('organisations.import.errorsCaption')}
              showCaption
              columns={columns}
              rows={result.errors}
              rowKey={(e) => `${e.line}-${e.field ?? ''}-${e.message}`}
              filterText={errorText}
              empty=""
            />
          </>
        ) : null}
      </div>
      <DialogActions>
        <Button onClick={onClose}>{imported ? t('common.done') : t('common.cancel')}</Button>
        {imported ? null : (
          <Button
            variant={checkedClean ? 'secondary' : 'primary'}
            busy={importCsv.isPending && importCsv.variables?.dryRun === true}
            onClick={() => run(true)}
          >
            {t('organisations.import.check')}
          </Button>
        )}
        {checkedClean ? (
          <Button variant="primary" busy={importCsv.isPending && importCsv.variables?.dryRun === false} onClick={() => run(false)}>
            {t('organisations.import.submit')}
          </Button>
        ) : null}
      </DialogActions>
    </Dialog>
  );
}
