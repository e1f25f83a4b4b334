// A "Copy" button for a value shown beside it; the outcome is announced politely (the value stays selectable).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';

export function CopyButton({ value, label }: { value: string; label?: string }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setStatus('copied');
    } catch {
      setStatus('failed'); // clipboard refused (permissions, insecure context)
    }
  };

  return (
    <span className="copy-button">
      <Button onClick={() => void copy()}>{label ?? t('common.copy')}</Button>
      <span className="copy-status" aria-live="polite">
        {status === 'copied' ? t('common.copied') : status === 'failed' ? t('common.copyFailed') : ''}
      </span>
    </span>
  );
}
