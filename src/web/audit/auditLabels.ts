// Readable names for what the audit trail stores as codes: actions (`audit.actions.<entity>.<verb>`),
// entity types and summary fields, in the reader's language. A code without a translation (an action
// added later) shows as itself, and an unknown field name as words, never as nothing.
import { useTranslation } from 'react-i18next';

/** "someNewField" → "some new field": the fallback for a summary field without a translation. */
export const humanise = (key: string): string =>
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .toLowerCase();

export interface AuditLabels {
  action(code: string): string | null;
  entity(type: string): string;
  field(name: string): string;
}

export function useAuditLabels(): AuditLabels {
  const { t, i18n } = useTranslation();
  // Why `exists` before `t`: the codes come from the server and are open-ended; the typed keys are not.
  const lookup = (key: string): string | null => (i18n.exists(key) ? String(t(key as never)) : null);
  return {
    action: (code) => lookup(`audit.actions.${code}`),
    entity: (type) => lookup(`audit.entities.${type}`) ?? type,
    field: (name) => lookup(`audit.fields.${name}`) ?? humanise(name),
  };
}
