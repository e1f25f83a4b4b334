// Maps a problem's `fields` (paths such as `body.email`) back onto react-hook-form inputs, and the submit
// handler of forms that send one request and mark the inputs a failed request names.
import type { FieldValues, Path, UseFormHandleSubmit, UseFormSetError } from 'react-hook-form';
import { ApiError } from '#web/api';

/** `body.email` → `email`; `body.profile.name` → `profile.name`. */
export function fieldNameOf(path: string): string {
  return path
    .replace(/^\//, '')
    .replace(/\//g, '.')
    .replace(/^body\./, '');
}

/** Sets a server error on every known input named in the problem; returns the names it could not map. */
export function applyProblemFields<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  names: readonly Path<T>[],
): string[] {
  if (!(error instanceof ApiError)) return [];
  const unmapped: string[] = [];
  let focused = false;
  for (const field of error.fields) {
    const name = names.find((candidate) => candidate === fieldNameOf(field.path));
    if (!name) {
      unmapped.push(field.path);
      continue;
    }
    // The code (when the server gave one) lets the field show a translated text instead of the English message;
    // its parameters ride in `types` (strings), read back by useFieldErrorText.
    const params = Object.fromEntries(Object.entries(field.params ?? {}).map(([k, v]) => [k, String(v)]));
    setError(
      name,
      { type: field.code ? `server:${field.code}` : 'server', message: field.message, types: params },
      { shouldFocus: !focused },
    );
    focused = true;
  }
  return unmapped;
}

/** `form.handleSubmit(action)`; when `action` fails, the problem's fields are set on the inputs `names` lists. */
export function submitMapped<T extends FieldValues, TValues>(
  form: { handleSubmit: UseFormHandleSubmit<T, TValues>; setError: UseFormSetError<T> },
  names: readonly Path<T>[],
  action: (values: TValues) => Promise<unknown>,
) {
  return form.handleSubmit(async (values) => {
    try {
      await action(values);
    } catch (error) {
      applyProblemFields(error, form.setError, names);
    }
  });
}
