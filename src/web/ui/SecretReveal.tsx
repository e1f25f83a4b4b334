// A secret shown exactly once (generated password, API token): a warning, the value in a read-only
// field to select, and a copy button whose result is announced politely.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';
import { TextField } from './TextField';

export interface SecretRevealProps {
  label: string;
  value: string;
  warning: string;
}

export function SecretReveal({ label, value, warning }: SecretRevealProps) {
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
      <div className="secret-row">
        <TextField label={label} value={value} readOnly className="secret-field" spellCheck={false} onFocus={(e) => e.currentTarget.select()} />
        <Button onClick={() => void copy()}>{t('common.copy')}</Button>
      </div>
      <p className="secret-status" aria-live="polite">
        {status === 'copied' ? t('common.copied') : status === 'failed' ? t('common.copyFailed') : ''}
      </p>
    </div>
  );
}
