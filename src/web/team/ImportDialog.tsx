// "Import an existing RFC 2350 document": a .txt/.md file (read in the browser, at most 1 MB) or pasted
// text is sent to the importer; its findings are shown for review, then the draft can pre-fill the form.
// Nothing is saved here: the user reviews the form and saves it.
import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RFC2350_IMPORT_MAX_BYTES, type ImportResult } from '#shared/team/team.schemas';
import { Button } from '#web/ui/Button';
import { Dialog, DialogActions } from '#web/ui/Dialog';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { TextArea } from '#web/ui/TextArea';
import { TextField } from '#web/ui/TextField';
import { FindingsList } from './FindingsList';
import { useImportDocument } from './team.queries';

export interface ImportDialogProps {
  onClose: () => void;
  onApply: (result: ImportResult) => void;
}

const byteLength = (text: string) => new TextEncoder().encode(text).length;

export function ImportDialog({ onClose, onApply }: ImportDialogProps) {
  const { t } = useTranslation();
  const importDocument = useImportDocument();
  const [text, setText] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setLocalError(null);
    if (!file) return;
    // Why client-side too: the server refuses larger bodies anyway; saying so here avoids a long upload.
    if (file.size > RFC2350_IMPORT_MAX_BYTES) {
      setLocalError(t('team.import.tooLarge'));
      event.target.value = '';
      return;
    }
    const reader = new FileReader();
    reader.onload = () => setText(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => setLocalError(t('team.import.readFailed'));
    reader.readAsText(file);
  };

  const check = () => {
    setLocalError(null);
    if (text.trim() === '') return setLocalError(t('team.import.empty'));
    if (byteLength(text) > RFC2350_IMPORT_MAX_BYTES) return setLocalError(t('team.import.tooLarge'));
    importDocument.mutate(text, { onSuccess: setResult });
  };

  if (result) {
    const recognised = result.sections.filter((s) => s.canonical !== undefined).length;
    return (
      <Dialog key="review" title={t('team.import.reviewTitle')} onClose={onClose} size="lg">
        <p>{t('team.import.summary', { sections: recognised, findings: result.findings.length })}</p>
        <FindingsList findings={result.findings} />
        <p className="muted">{t('team.import.applyHint')}</p>
        <DialogActions>
          <Button onClick={() => setResult(null)}>{t('team.import.back')}</Button>
          <Button variant="primary" onClick={() => onApply(result)}>
            {t('team.import.apply')}
          </Button>
        </DialogActions>
      </Dialog>
    );
  }

  return (
    <Dialog key="input" title={t('team.import.title')} onClose={onClose} size="lg">
      <p>{t('team.import.text')}</p>
      <TextField
        label={t('team.import.file')}
        type="file"
        accept=".txt,.md,.markdown,.asc,text/plain,text/markdown"
        hint={t('team.import.fileHint')}
        onChange={onFile}
      />
      <TextArea
        label={t('team.import.paste')}
        rows={12}
        className="mono"
        spellCheck={false}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      {localError ? (
        <p className="field-error" role="alert">
          {localError}
        </p>
      ) : null}
      <ErrorBanner error={importDocument.error} />
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="primary" busy={importDocument.isPending} onClick={check}>
          {t('team.import.submit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
