// Native <select> with a bound label, optional hint and error (same contract as TextField).
import type { ComponentPropsWithRef, ReactNode } from 'react';
import { FieldHelp } from './FieldHelp';
import { fieldClass, useFieldIds } from './fieldIds';

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectProps extends ComponentPropsWithRef<'select'> {
  label: string;
  options: readonly SelectOption[];
  error?: string | undefined;
  hint?: ReactNode;
}

export function Select({ label, error, hint, id, className, options, ...select }: SelectProps) {
  const ids = useFieldIds(id, Boolean(hint), Boolean(error));
  return (
    <div className={fieldClass(className)}>
      <label htmlFor={ids.controlId}>{label}</label>
      <select id={ids.controlId} aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} {...select}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldHelp ids={ids} hint={hint} error={error} />
    </div>
  );
}
