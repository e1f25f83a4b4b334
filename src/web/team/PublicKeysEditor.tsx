// Editor of the public keys listed in section 2.8: key ID, fingerprint, user IDs (one per line), URL and
// expiry per key. Hex is normalised on save (spaces and 0x removed, upper case); the schema checks the rest.
import { useFieldArray, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Button } from '#web/ui/Button';
import { TextArea } from '#web/ui/TextArea';
import { TextField } from '#web/ui/TextField';
import { fieldDomId } from './profile.fields';
import { useTeamErrorText } from './profile.errors';
import type { ProfileFormValues } from './profile.form';

const name = 'profile.contact.publicKeys';
const emptyKey = { keyId: '', fingerprint: '', userIds: '', url: '', expires: '' };

export function PublicKeysEditor({ label, readOnly }: { label: string; readOnly: boolean }) {
  const { t } = useTranslation();
  const errorText = useTeamErrorText();
  const { control, register, formState } = useFormContext<ProfileFormValues>();
  const keys = useFieldArray({ control, name });
  const errors = formState.errors.profile?.contact?.publicKeys;
  const groupId = fieldDomId(name);

  return (
    <fieldset id={groupId} className="list-editor" tabIndex={-1}>
      <legend>{label}</legend>
      {keys.fields.length === 0 ? <p className="muted list-editor-empty">{t('team.list.empty')}</p> : null}
      {keys.fields.map((key, index) => {
        const keyErrors = errors?.[index];
        const title = t('team.publicKeys.item', { n: index + 1 });
        return (
          <fieldset key={key.id} className="subgroup">
            <legend>{title}</legend>
            <div className="field-row">
              <TextField
                label={t('team.publicKeys.keyId')}
                className="mono"
                spellCheck={false}
                error={errorText(keyErrors?.keyId)}
                {...register(`${name}.${index}.keyId`)}
              />
              <TextField
                label={t('team.publicKeys.expires')}
                type="date"
                error={errorText(keyErrors?.expires)}
                {...register(`${name}.${index}.expires`)}
              />
            </div>
            <TextField
              label={t('team.publicKeys.fingerprint')}
              className="mono"
              spellCheck={false}
              hint={t('team.publicKeys.fingerprintHint')}
              error={errorText(keyErrors?.fingerprint)}
              {...register(`${name}.${index}.fingerprint`)}
            />
            <TextArea
              label={t('team.publicKeys.userIds')}
              rows={2}
              hint={t('team.publicKeys.userIdsHint')}
              error={errorText(keyErrors?.userIds)}
              {...register(`${name}.${index}.userIds`)}
            />
            <TextField
              label={t('team.publicKeys.url')}
              type="url"
              error={errorText(keyErrors?.url)}
              {...register(`${name}.${index}.url`)}
            />
            {readOnly ? null : (
              <Button size="sm" variant="ghost" onClick={() => keys.remove(index)}>
                {t('team.publicKeys.remove', { n: index + 1 })}
              </Button>
            )}
          </fieldset>
        );
      })}
      {readOnly ? null : (
        <Button size="sm" onClick={() => keys.append(emptyKey)}>
          {t('team.publicKeys.add')}
        </Button>
      )}
    </fieldset>
  );
}
