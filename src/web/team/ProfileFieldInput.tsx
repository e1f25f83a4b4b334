// One input of the profile editor, chosen by the field's kind: text, date, e-mail, number, TLP version,
// a Markdown textarea, a list of strings or the public-key list. Labels are `team.fields.<path>`.
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Select } from '#web/ui/Select';
import { TextArea } from '#web/ui/TextArea';
import { TextField } from '#web/ui/TextField';
import { ListEditor } from './ListEditor';
import { fieldDomId, fieldKinds, hasHint, type EditorPath } from './profile.fields';
import { errorAt, useTeamErrorText } from './profile.errors';
import type { ProfileFormValues } from './profile.form';
import { PublicKeysEditor } from './PublicKeysEditor';

const tlpVersions = ['2.0', '1.0'];

/** The TLP version the team applies; a value not offered (imported "1.1") is kept as an extra option. */
function TlpSelect({ id, label, error }: { id: string; label: string; error: string | undefined }) {
  const { t } = useTranslation();
  const { control, register } = useFormContext<ProfileFormValues>();
  const current = useWatch({ control, name: 'profile.policies.tlpVersion' });
  const versions = current && !tlpVersions.includes(current) ? [...tlpVersions, current] : tlpVersions;
  const options = [
    { value: '', label: t('team.form.tlpNone') },
    ...versions.map((v) => ({ value: v, label: t('team.form.tlpOption', { version: v }) })),
  ];
  return (
    <Select id={id} label={label} options={options} error={error} className="field-short" {...register('profile.policies.tlpVersion')} />
  );
}

export function ProfileFieldInput({ path, readOnly }: { path: EditorPath; readOnly: boolean }) {
  const { t } = useTranslation();
  const errorText = useTeamErrorText();
  const { register, formState } = useFormContext<ProfileFormValues>();
  const name = `profile.${path}` as const;
  const id = fieldDomId(name);
  const label = t(`team.fields.${path}`);
  const kind = fieldKinds[path];
  const specific = hasHint(path) ? t(`team.hints.${path}`) : undefined;
  const error = errorText(errorAt(formState.errors, name));

  switch (kind) {
    case 'text':
    case 'tel':
    case 'date':
    case 'email':
      return <TextField id={id} label={label} type={kind} hint={specific} error={error} {...register(name)} />;
    case 'number':
      return (
        <TextField
          id={id}
          label={label}
          type="number"
          min={0}
          inputMode="numeric"
          className="field-short"
          hint={specific}
          error={error}
          {...register(name)}
        />
      );
    case 'tlp':
      return <TlpSelect id={id} label={label} error={error} />;
    case 'markdown': {
      const hint = specific ? `${specific} ${t('team.form.markdown')}` : t('team.form.markdown');
      return (
        <TextArea id={id} label={label} hint={hint} error={error} rows={path.startsWith('contact.address') ? 3 : 4} {...register(name)} />
      );
    }
    case 'emails':
    case 'urls':
    case 'strings':
      if (
        path !== 'document.distributionList.emails' &&
        path !== 'document.locations' &&
        path !== 'contact.otherEmails' &&
        path !== 'charter.affiliations'
      ) {
        return null;
      }
      return (
        <ListEditor
          name={`profile.${path}`}
          label={label}
          hint={specific}
          type={kind === 'emails' ? 'email' : kind === 'urls' ? 'url' : 'text'}
          readOnly={readOnly}
        />
      );
    case 'publicKeys':
      return <PublicKeysEditor label={label} readOnly={readOnly} />;
    default: {
      const never: never = kind;
      return never;
    }
  }
}
