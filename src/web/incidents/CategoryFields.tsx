// The RSIT category of an incident as two selects, "Category" (class) and "Type"; changing the class
// picks its first type, so the pair is always valid.
import { useTranslation } from 'react-i18next';
import { Select } from '#web/ui/Select';
import { firstTypeOf, useRsitLabels } from './rsit.labels';

export interface Category {
  categoryClass: string;
  categoryType: string;
}

export interface CategoryFieldsProps extends Category {
  onChange: (next: Category) => void;
  classError?: string | undefined;
  typeError?: string | undefined;
}

export function CategoryFields({ categoryClass, categoryType, onChange, classError, typeError }: CategoryFieldsProps) {
  const { t } = useTranslation();
  const { classOptions, typeOptions } = useRsitLabels();
  return (
    <div className="field-row">
      <Select
        label={t('incidents.fields.category')}
        options={classOptions}
        value={categoryClass}
        error={classError}
        onChange={(event) => onChange({ categoryClass: event.target.value, categoryType: firstTypeOf(event.target.value) })}
      />
      <Select
        label={t('incidents.fields.type')}
        options={typeOptions(categoryClass)}
        value={categoryType}
        error={typeError}
        onChange={(event) => onChange({ categoryClass, categoryType: event.target.value })}
      />
    </div>
  );
}
