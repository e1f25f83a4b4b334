// Names a changed or missing path for people: a profile field's label, "Operating hours › …" for hours.
import { useTranslation } from 'react-i18next';
import { fieldRefsOf } from './profile.fields';

export function usePathLabel(): (path: string) => string {
  const { t } = useTranslation();
  return (path) => {
    if (path === 'hours' || path.startsWith('hours.')) {
      const rest = path.slice('hours.'.length);
      return rest ? `${t('team.hours.title')} › ${rest}` : t('team.hours.title');
    }
    const ref = fieldRefsOf(`profile.${path}`, '')[0];
    return ref?.field ? t(`team.fields.${ref.field}`) : path;
  };
}
