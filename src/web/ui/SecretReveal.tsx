// A secret shown exactly once (generated password, API token, revocation certificate): a warning, the
// value in a read-only field to select (multi-line for armoured text), and a copy button announced politely.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';
import { TextArea } from './TextArea';
import { TextField } from './TextField';

export interface SecretRevealProps {
  label: string;
  value: string;
  warning: string;
  /** Armoured or other multi-line text: shown in a read-only textarea. */
  multiline?: boolean;
  /** Extra actions beside Copy (e.g. a download link). */
  actions?: ReactNode;
}

export function SecretReveal({ label, value, warning, multiline = false, actions }: SecretRevealProps) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setStatus('copied');
    } catch {
      setStatus('failed'); // clipboard refused (permissions, insecure context): the field stays selectable
    }
  };

  return (
    <div className="secret">
      <p className="notice notice-warning">{warning}</p>
      <div className={multiline ? 'secret-row secret-row-multiline' : 'secret-row'}>
        {multiline ? (
          <TextArea
            label={label}
            value={value}
            readOnly
            rows={8}
            className="secret-field"
            spellCheck={false}
            onFocus={(e) => e.currentTarget.select()}
          />
        ) : (
          <TextField
            label={label}
            value={value}
            readOnly
            className="secret-field"
            spellCheck={false}
            onFocus={(e) => e.currentTarget.select()}
          />
        )}
        <div className="secret-actions">
          <Button onClick={() => void copy()}>{t('common.copy')}</Button>
          {actions}
        </div>
      </div>
      <p className="secret-status" aria-live="polite">
        {status === 'copied' ? t('common.copied') : status === 'failed' ? t('common.copyFailed') : ''}
      </p>
    </div>
  );
}
