// Checkbox with its label on the right, bound by id, and an optional hint.
import type { ComponentPropsWithRef } from 'react';
import { FieldHelp } from './FieldHelp';
import { fieldClass, useFieldIds } from './fieldIds';

export interface CheckboxProps extends Omit<ComponentPropsWithRef<'input'>, 'type'> {
  label: string;
  hint?: string;
}

export function Checkbox({ label, hint, id, className, ...input }: CheckboxProps) {
  const ids = useFieldIds(id, Boolean(hint), false);
  return (
    <div className={fieldClass(className, 'field-checkbox')}>
      <input id={ids.controlId} type="checkbox" aria-describedby={ids.describedBy} {...input} />
      <label htmlFor={ids.controlId}>{label}</label>
      <FieldHelp ids={ids} hint={hint} />
    </div>
  );
}
