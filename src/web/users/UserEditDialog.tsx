// "Edit user" dialog: name, role, language and the disabled switch (UserUpdate contract).
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { UserUpdate, type User } from '#shared/users/users.schemas';
import { Checkbox } from '#web/ui/Checkbox';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFieldErrorText } from '#web/ui/fieldErrors';
import { FormDialog } from '#web/ui/FormDialog';
import { submitMapped } from '#web/ui/forms';
import { useLocaleOptions, useRoleOptions } from '#web/ui/options';
import { Select } from '#web/ui/Select';
import { TextField } from '#web/ui/TextField';
import { useUpdateUser } from './users.queries';

const fields = ['name', 'role', 'locale', 'disabled'] as const;

export function UserEditDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const roleOptions = useRoleOptions();
  const localeOptions = useLocaleOptions();
  const update = useUpdateUser();
  const form = useForm({
    resolver: zodResolver(UserUpdate),
    defaultValues: { name: user.name, role: user.role, locale: user.locale, disabled: user.disabled },
  });
  const { errors } = form.formState;

  const onSubmit = submitMapped(form, fields, async (patch) => {
    await update.mutateAsync({ id: user.id, patch });
    onClose();
  });

  return (
    <FormDialog
      title={t('users.edit.title', { email: user.email })}
      onClose={onClose}
      onSubmit={onSubmit}
      submitLabel={t('common.save')}
      busy={update.isPending}
    >
      <ErrorBanner error={update.error} mappedFields={fields} />
      <TextField label={t('users.fields.name')} autoComplete="off" error={fieldError(errors.name)} {...form.register('name')} />
      <div className="field-row">
        <Select label={t('users.fields.role')} options={roleOptions} error={fieldError(errors.role)} {...form.register('role')} />
        <Select label={t('users.fields.locale')} options={localeOptions} error={fieldError(errors.locale)} {...form.register('locale')} />
      </div>
      <Checkbox label={t('users.edit.disabled')} hint={t('users.edit.disabledHint')} {...form.register('disabled')} />
    </FormDialog>
  );
}
