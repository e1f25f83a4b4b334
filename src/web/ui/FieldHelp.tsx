// The hint and the error under a field's control, with the ids its aria-describedby points to
// (the shared tail of TextField, TextArea, Select and Checkbox).
import type { ReactNode } from 'react';
import type { FieldIds } from './fieldIds';

export function FieldHelp({ ids, hint, error }: { ids: FieldIds; hint?: ReactNode; error?: string | undefined }) {
  return (
    <>
      {hint ? (
        <p id={ids.hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={ids.errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </>
  );
}
