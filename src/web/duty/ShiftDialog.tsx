// "Add shift": who (an active team member), primary or backup, from and until (local time, sent with
// the offset) and a note.
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { DutyRole, DutyShiftInput } from '#shared/duty/duty.schemas';
import { useOwnerOptions } from '#web/users/owners';
import { localInputToOffsetIso } from '#web/ui/datetime';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFieldErrorText } from '#web/ui/fieldErrors';
import { FormDialog } from '#web/ui/FormDialog';
import { submitMapped } from '#web/ui/forms';
import { Select } from '#web/ui/Select';
import { TextField } from '#web/ui/TextField';
import { useUnsavedChangesPrompt } from '#web/ui/UnsavedChanges';
import { useAddShift } from './duty.queries';

/** `datetime-local` values become instants with the browser's offset; the rota contract then checks the rest. */
const LocalInstant = z
  .string()
  .min(1, { message: 'Required' })
  .transform((value, ctx) => {
    const iso = localInputToOffsetIso(value);
    if (!iso) ctx.addIssue({ code: 'custom', message: 'A date and time' });
    return iso ?? '';
  });
const ShiftForm = z.object({ ...DutyShiftInput.shape, startsAt: LocalInstant, endsAt: LocalInstant }).superRefine((value, ctx) => {
  const checked = DutyShiftInput.safeParse(value);
  if (checked.success) return;
  for (const issue of checked.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
});
const fields = ['userId', 'role', 'startsAt', 'endsAt', 'note'] as const;

export function ShiftDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const add = useAddShift();
  const people = useOwnerOptions({ id: null, name: null }).filter((o) => o.value !== '');
  const form = useForm({
    resolver: zodResolver(ShiftForm),
    defaultValues: { userId: people[0]?.value ?? '', role: 'primary', startsAt: '', endsAt: '', note: undefined },
  });
  const { errors } = form.formState;
  useUnsavedChangesPrompt(form.formState.isDirty);

  const onSubmit = submitMapped(form, fields, async (values) => {
    await add.mutateAsync(values);
    onClose();
  });

  return (
    <FormDialog title={t('duty.add.title')} onClose={onClose} onSubmit={onSubmit} submitLabel={t('duty.add.submit')} busy={add.isPending}>
      <ErrorBanner error={add.error} mappedFields={fields} />
      <div className="field-row">
        <Select label={t('duty.fields.person')} options={people} error={fieldError(errors.userId)} {...form.register('userId')} />
        <Select
          label={t('duty.fields.role')}
          options={DutyRole.options.map((r) => ({ value: r, label: t(`duty.role.${r}`) }))}
          error={fieldError(errors.role)}
          {...form.register('role')}
        />
      </div>
      <div className="field-row">
        <TextField
          label={t('duty.fields.startsAt')}
          type="datetime-local"
          error={fieldError(errors.startsAt)}
          {...form.register('startsAt')}
        />
        <TextField label={t('duty.fields.endsAt')} type="datetime-local" error={fieldError(errors.endsAt)} {...form.register('endsAt')} />
      </div>
      <TextField
        label={t('duty.fields.note')}
        error={fieldError(errors.note)}
        {...form.register('note', { setValueAs: (v: unknown) => (v === '' ? undefined : v) })}
      />
    </FormDialog>
  );
}
