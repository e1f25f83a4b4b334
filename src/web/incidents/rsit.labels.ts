// Translated names of the ENISA RSIT classes and incident types (the taxonomy itself is English), and
// the option lists of the category selects. Unknown ids fall back to the taxonomy's name, then the id.
import { useTranslation } from 'react-i18next';
import { RsitClassId, findRsitType, rsitClasses } from '#shared/taxonomies/rsit';
import en from '#web/i18n/en.json';
import type { SelectOption } from '#web/ui/Select';

type RsitTypeKey = keyof typeof en.rsit.types;
const isRsitTypeKey = (id: string): id is RsitTypeKey => Object.hasOwn(en.rsit.types, id);

export function useRsitLabels() {
  const { t } = useTranslation();
  const className = (id: string): string => {
    const parsed = RsitClassId.safeParse(id);
    return parsed.success ? t(`rsit.classes.${parsed.data}`) : id;
  };
  const typeName = (classId: string, typeId: string): string => {
    if (isRsitTypeKey(typeId)) return t(`rsit.types.${typeId}`);
    return findRsitType(classId, typeId)?.name ?? typeId;
  };
  const classOptions: SelectOption[] = rsitClasses.map((c) => ({ value: c.id, label: className(c.id) }));
  const typeOptions = (classId: string): SelectOption[] =>
    (rsitClasses.find((c) => c.id === classId)?.types ?? []).map((type) => ({ value: type.id, label: typeName(classId, type.id) }));
  return { className, typeName, classOptions, typeOptions };
}

/** The first type of a class: what the type select falls back to when the class changes. */
export function firstTypeOf(classId: string): string {
  return rsitClasses.find((c) => c.id === classId)?.types[0]?.id ?? '';
}
