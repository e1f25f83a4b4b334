// Editor of a list of short strings (e-mail addresses, URLs, affiliations): one labelled input per item,
// add and remove buttons, each item's own error. The group carries the field's DOM id so links can focus it.
import { useController, useFormContext, useFormState, type FieldPathByValue } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Button } from '#web/ui/Button';
import { TextField } from '#web/ui/TextField';
import { fieldDomId } from './profile.fields';
import { useTeamErrorText } from './profile.errors';
import type { ProfileFormValues } from './profile.form';

export type StringListPath = FieldPathByValue<ProfileFormValues, string[]>;

export interface ListEditorProps {
  name: StringListPath;
  label: string;
  hint?: string | undefined;
  type: 'email' | 'url' | 'text';
  readOnly: boolean;
}

export function ListEditor({ name, label, hint, type, readOnly }: ListEditorProps) {
  const { t } = useTranslation();
  const errorText = useTeamErrorText();
  const { control, getFieldState } = useFormContext<ProfileFormValues>();
  const formState = useFormState({ control, name });
  const { field } = useController({ control, name });
  const items = field.value;
  const groupId = fieldDomId(name);

  const update = (next: string[]) => field.onChange(next);
  const add = () => {
    update([...items, '']);
    // The new input exists after the re-render; focus it so typing can start at once.
    requestAnimationFrame(() => document.getElementById(`${groupId}-${items.length}`)?.focus());
  };

  return (
    <fieldset id={groupId} className="list-editor" tabIndex={-1} aria-describedby={hint ? `${groupId}-hint` : undefined}>
      <legend>{label}</legend>
      {hint ? (
        <p id={`${groupId}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {items.length === 0 ? <p className="muted list-editor-empty">{t('team.list.empty')}</p> : null}
      <ul className="list-editor-items">
        {items.map((value, index) => {
          const itemLabel = t('team.list.item', { label, n: index + 1 });
          return (
            <li key={index} className="list-editor-item">
              <TextField
                id={`${groupId}-${index}`}
                label={itemLabel}
                className="list-editor-field"
                type={type}
                value={value}
                readOnly={readOnly}
                ref={index === 0 ? field.ref : undefined}
                error={errorText(getFieldState(`${name}.${index}`, formState).error)}
                onBlur={field.onBlur}
                onChange={(event) => update(items.map((item, i) => (i === index ? event.target.value : item)))}
              />
              {readOnly ? null : (
                <Button size="sm" variant="ghost" onClick={() => update(items.filter((_, i) => i !== index))}>
                  {t('team.list.remove')}
                  <span className="visually-hidden"> {itemLabel}</span>
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      {readOnly ? null : (
        <Button size="sm" onClick={add}>
          {t('team.list.add')}
          <span className="visually-hidden"> {label}</span>
        </Button>
      )}
    </fieldset>
  );
}
