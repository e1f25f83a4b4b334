// A "Copy" button for a value shown beside it; the outcome is announced politely (the value stays selectable).
import { useTranslation } from 'react-i18next';
import { Button } from './Button';
import { useClipboard } from './useClipboard';

export function CopyButton({ value, label }: { value: string; label?: string }) {
  const { t } = useTranslation();
  const clipboard = useClipboard();

  return (
    <span className="copy-button">
      <Button onClick={() => clipboard.copy(value)}>{label ?? t('common.copy')}</Button>
      <span className="copy-status" aria-live="polite">
        {clipboard.status}
      </span>
    </span>
  );
}
