// File picker of report forms: several files at once, each listed with its size. A file over 10 MB or
// beyond ten files stays listed, marked, with a message saying the limit: the valid files are kept, and
// the form refuses to send (`attachmentsBlocked`) until the refused ones are removed.
import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_LIMITS } from '#shared/reports/reports.schemas';
import { Button } from '#web/ui/Button';
import { useFormatBytes } from '#web/ui/format';
import { TextField } from '#web/ui/TextField';
import { checkAttachments } from './report.multipart';

export const ATTACHMENTS_INPUT_ID = 'report-attachments';

export interface AttachmentsFieldProps {
  files: readonly File[];
  onChange: (files: File[]) => void;
}

/** True (and the file input focused, its message read out) when the chosen files cannot be sent. */
export function attachmentsBlocked(files: readonly File[]): boolean {
  if (checkAttachments(files) === null) return false;
  document.getElementById(ATTACHMENTS_INPUT_ID)?.focus();
  return true;
}

export function AttachmentsField({ files, onChange }: AttachmentsFieldProps) {
  const { t } = useTranslation();
  const formatBytes = useFormatBytes();
  const [inputKey, setInputKey] = useState(0);
  const check = checkAttachments(files);
  const problem =
    check?.kind === 'too-many'
      ? t('reports.attachments.tooMany', { max: check.max })
      : check?.kind === 'too-large'
        ? t('reports.attachments.tooLarge', { name: check.name, max: check.maxMb })
        : undefined;

  const onFiles = (event: ChangeEvent<HTMLInputElement>) => {
    setInputKey((k) => k + 1); // a fresh input, so that the same file can be picked again after removal
    onChange([...files, ...Array.from(event.target.files ?? [])]);
  };

  const refused = (file: File, index: number) => file.size > REPORT_LIMITS.attachmentBytes || index >= REPORT_LIMITS.attachmentsPerReport;

  return (
    <div className="attachments-field">
      <TextField
        key={inputKey}
        id={ATTACHMENTS_INPUT_ID}
        label={t('reports.attachments.label')}
        type="file"
        multiple
        hint={t('reports.attachments.hint')}
        error={problem}
        onChange={onFiles}
      />
      {files.length > 0 ? (
        <ul className="file-list" aria-label={t('reports.attachments.chosen')}>
          {files.map((file, index) => (
            <li key={`${file.name}-${index}`} className={refused(file, index) ? 'file-refused' : undefined}>
              <span className="file-name">{file.name}</span> <span className="muted">{formatBytes(file.size)}</span>
              {refused(file, index) ? <strong className="file-refused-note">{t('reports.attachments.refused')}</strong> : null}
              <Button size="sm" variant="ghost" onClick={() => onChange(files.filter((_, i) => i !== index))}>
                {t('reports.attachments.remove')}
                <span className="visually-hidden"> {file.name}</span>
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
