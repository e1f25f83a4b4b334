// Translated option lists of the TLP 2.0 and PAP selects; the TLP options can carry each label's
// one-line meaning (for reporters who may not know TLP).
import { useTranslation } from 'react-i18next';
import { PAP_LABELS, TLP_LABELS, formatPap, formatTlp } from '#shared/taxonomies/tlp';
import type { SelectOption } from './Select';

export function useTlpOptions({ withSummary = false }: { withSummary?: boolean } = {}): SelectOption[] {
  const { t } = useTranslation();
  return TLP_LABELS.map((label) => ({
    value: label,
    label: withSummary ? `${formatTlp(label)} — ${t(`markings.tlp.${label}`)}` : formatTlp(label),
  }));
}

export function usePapOptions(): SelectOption[] {
  return PAP_LABELS.map((label) => ({ value: label, label: formatPap(label) }));
}
