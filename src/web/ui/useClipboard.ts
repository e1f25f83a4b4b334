// Copying text to the clipboard with the outcome to announce politely ("Copied", or that copying failed
// when the browser refuses: permissions, insecure context; the text then stays selectable).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface Clipboard {
  copy: (text: string) => void;
  /** What to put in an aria-live region: empty until a copy was tried. */
  status: string;
}

export function useClipboard(): Clipboard {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<'idle' | 'copied' | 'failed'>('idle');

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setOutcome('copied');
    } catch {
      setOutcome('failed');
    }
  };

  return {
    copy: (text) => void copy(text),
    status: outcome === 'copied' ? t('common.copied') : outcome === 'failed' ? t('common.copyFailed') : '',
  };
}
