// Ids that tie a field's label, hint and error to its control (htmlFor, aria-describedby).
import { useId } from 'react';

export interface FieldIds {
  controlId: string;
  hintId: string | undefined;
  errorId: string | undefined;
  describedBy: string | undefined;
}

export function useFieldIds(id: string | undefined, hasHint: boolean, hasError: boolean): FieldIds {
  const autoId = useId();
  const controlId = id ?? autoId;
  const hintId = hasHint ? `${controlId}-hint` : undefined;
  const errorId = hasError ? `${controlId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return { controlId, hintId, errorId, describedBy };
}

export function fieldClass(extra: string | undefined, ...more: string[]): string {
  return ['field', ...more, extra ?? ''].filter(Boolean).join(' ');
}
