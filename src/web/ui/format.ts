// Locale-aware formatting of server timestamps and byte sizes for tables and details.
import { useTranslation } from 'react-i18next';

export function useFormatDateTime(): (iso: string | null | undefined) => string {
  const { t, i18n } = useTranslation();
  const formatter = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (iso) => {
    if (!iso) return t('common.never');
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : formatter.format(date);
  };
}

export function useFormatBytes(): (bytes: number) => string {
  const { i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  return (bytes) => {
    if (bytes < 1024) return `${number.format(bytes)} B`;
    if (bytes < 1024 * 1024) return `${number.format(bytes / 1024)} KB`;
    return `${number.format(bytes / (1024 * 1024))} MB`;
  };
}
