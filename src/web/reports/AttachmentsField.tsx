// File picker of report forms: several files at once, refused at once (with a message) beyond ten files
// or 10 MB per file, and the chosen files listed with their sizes.
import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '#web/ui/Button';
import { useFormatBytes } from '#web/ui/format';
import { TextField } from '#web/ui/TextField';
import { checkAttachments } from './report.multipart';

export interface AttachmentsFieldProps {
  files: readonly File[];
  onChange: (files: File[]) => void;
}

export function AttachmentsField({ files, onChange }: AttachmentsFieldProps) {
  const { t } = useTranslation();
  const formatBytes = useFormatBytes();
  const [problem, setProblem] = useState<string | null>(null);
  const [inputKey, setInputKey] = useState(0);

  const onFiles = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = [...files, ...Array.from(event.target.files ?? [])];
    setInputKey((k) => k + 1); // a fresh input, so that the same file can be picked again after removal
    const check = checkAttachments(chosen);
    if (check?.kind === 'too-many') return setProblem(t('reports.attachments.tooMany', { max: check.max }));
    if (check?.kind === 'too-large') return setProblem(t('reports.attachments.tooLarge', { name: check.name, max: check.maxMb }));
    setProblem(null);
    onChange(chosen);
  };

  return (
    <div className="attachments-field">
      <TextField
        key={inputKey}
        label={t('reports.attachments.label')}
        type="file"
        multiple
        hint={t('reports.attachments.hint')}
        error={problem ?? undefined}
        onChange={onFiles}
      />
      {files.length > 0 ? (
        <ul className="file-list" aria-label={t('reports.attachments.chosen')}>
          {files.map((file, index) => (
            <li key={`${file.name}-${index}`}>
              <span className="file-name">{file.name}</span> <span className="muted">{formatBytes(file.size)}</span>
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
