// Translated option lists shared by several forms: roles and interface languages.
import { useTranslation } from 'react-i18next';
import { roles } from '#shared/permissions';
import { locales } from '#web/i18n/index';
import type { SelectOption } from './Select';

export function useRoleOptions(): SelectOption[] {
  const { t } = useTranslation();
  return roles.map((role) => ({ value: role, label: t(`roles.${role}`) }));
}

export function useLocaleOptions(): SelectOption[] {
  const { t } = useTranslation();
  return locales.map((locale) => ({ value: locale, label: t(`language.${locale}`) }));
}
