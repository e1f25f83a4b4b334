// Multi-line text field with a bound label, optional hint and error (same contract as TextField).
import type { ComponentPropsWithRef, ReactNode } from 'react';
import { FieldHelp } from './FieldHelp';
import { fieldClass, useFieldIds } from './fieldIds';

export interface TextAreaProps extends ComponentPropsWithRef<'textarea'> {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
}

export function TextArea({ label, error, hint, id, className, rows = 4, ...textarea }: TextAreaProps) {
  const ids = useFieldIds(id, Boolean(hint), Boolean(error));
  return (
    <div className={fieldClass(className)}>
      <label htmlFor={ids.controlId}>{label}</label>
      <textarea id={ids.controlId} rows={rows} aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} {...textarea} />
      <FieldHelp ids={ids} hint={hint} error={error} />
    </div>
  );
}
