// "Add contact": name, role, e-mail, telephone numbers (one per line) and an armoured OpenPGP public key
// (its fingerprint and expiry are read by the server).
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ContactInput } from '#shared/organisations/organisations.schemas';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFieldErrorText } from '#web/ui/fieldErrors';
import { FormDialog } from '#web/ui/FormDialog';
import { submitMapped } from '#web/ui/forms';
import { TextArea } from '#web/ui/TextArea';
import { TextField } from '#web/ui/TextField';
import { useUnsavedChangesPrompt } from '#web/ui/UnsavedChanges';
import { useAddContact } from './organisations.queries';

/** The phones arrive as lines of a text area; the list must be what the contract accepts. */
const ContactForm = ContactInput.extend({
  phones: z
    .string()
    .optional()
    .transform((text, ctx) => {
      const lines = (text ?? '')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
      const parsed = ContactInput.shape.phones.safeParse(lines);
      if (parsed.success) return parsed.data;
      ctx.addIssue({ code: 'custom', message: parsed.error.issues[0]?.message ?? 'Not valid' });
      return z.NEVER;
    }),
});
const fields = ['name', 'role', 'email', 'phones', 'pgpKey'] as const;
const optional = (value: unknown) => (value === '' ? undefined : value);

export function ContactDialog({ organisationId, onClose }: { organisationId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const add = useAddContact(organisationId);
  const form = useForm({
    resolver: zodResolver(ContactForm),
    defaultValues: { name: '', role: undefined, email: undefined, phones: '', pgpKey: undefined },
  });
  const { errors } = form.formState;
  useUnsavedChangesPrompt(form.formState.isDirty);

  const onSubmit = submitMapped(form, fields, async (values) => {
    await add.mutateAsync(values);
    onClose();
  });

  return (
    <FormDialog
      title={t('organisations.contacts.addTitle')}
      onClose={onClose}
      size="lg"
      onSubmit={onSubmit}
      submitLabel={t('organisations.contacts.add')}
      busy={add.isPending}
    >
      <ErrorBanner error={add.error} mappedFields={fields} />
      <div className="field-row">
        <TextField label={t('organisations.contacts.name')} error={fieldError(errors.name)} {...form.register('name')} />
        <TextField
          label={t('organisations.contacts.role')}
          error={fieldError(errors.role)}
          {...form.register('role', { setValueAs: optional })}
        />
      </div>
      <TextField
        label={t('organisations.contacts.email')}
        type="email"
        error={fieldError(errors.email)}
        {...form.register('email', { setValueAs: optional })}
      />
      <TextArea
        label={t('organisations.contacts.phones')}
        rows={2}
        hint={t('organisations.contacts.phonesHint')}
        error={fieldError(errors.phones)}
        {...form.register('phones')}
      />
      <TextArea
        label={t('organisations.contacts.pgpKey')}
        rows={6}
        className="mono"
        spellCheck={false}
        hint={t('organisations.contacts.pgpKeyHint')}
        error={fieldError(errors.pgpKey)}
        {...form.register('pgpKey', { setValueAs: optional })}
      />
    </FormDialog>
  );
}
