// Locale-aware formatting of server timestamps for tables and details.
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
