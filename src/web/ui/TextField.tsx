// Text input with a visible label bound to it, an optional hint and an error message,
// both announced through aria-describedby; aria-invalid when in error.
import type { ComponentPropsWithRef, ReactNode } from 'react';
import { FieldHelp } from './FieldHelp';
import { fieldClass, useFieldIds } from './fieldIds';

export interface TextFieldProps extends ComponentPropsWithRef<'input'> {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
}

export function TextField({ label, error, hint, id, className, ...input }: TextFieldProps) {
  const ids = useFieldIds(id, Boolean(hint), Boolean(error));
  return (
    <div className={fieldClass(className)}>
      <label htmlFor={ids.controlId}>{label}</label>
      <input id={ids.controlId} aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} {...input} />
      <FieldHelp ids={ids} hint={hint} error={error} />
    </div>
  );
}
