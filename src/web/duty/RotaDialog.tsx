// "Add rota" and "Edit rota": a name, a validity period and weekly slots (days, start and end in the team's
// time zone, who, primary or backup). A slot whose end is not after its start ends the next day. Editing keeps
// each existing slot by its id, so that its exceptions stay.
import { zodResolver } from '@hookform/resolvers/zod';
import { useFieldArray, useForm, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { DutyRole, DutyRotaInput, DutyRotaSlotInput, Weekday, type DutyRota } from '#shared/duty/duty.schemas';
import { useOwnerOptions } from '#web/users/owners';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFieldErrorText } from '#web/ui/fieldErrors';
import { FormDialog } from '#web/ui/FormDialog';
import { submitMapped } from '#web/ui/forms';
import { Select } from '#web/ui/Select';
import { TextField } from '#web/ui/TextField';
import { useUnsavedChangesPrompt } from '#web/ui/UnsavedChanges';
import { useAddRota, useUpdateRota } from './duty.queries';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
/** Checkbox groups give the ticked values as strings; the contract wants ISO weekday numbers. */
const Weekdays = z.preprocess(
  (v) => (Array.isArray(v) ? v.map(Number) : []),
  z.array(Weekday).min(1, { message: 'Pick at least one day' }),
);
const RotaForm = z
  .object({
    ...DutyRotaInput.shape,
    endsOn: z.preprocess((v) => (v === '' ? null : v), DutyRotaInput.shape.endsOn),
    // `slotId`: the id of the rota's slot this one edits (absent for a new slot).
    slots: z
      .array(z.object({ ...DutyRotaSlotInput.shape, weekdays: Weekdays, slotId: z.uuid().optional() }))
      .min(1, { message: 'Add at least one slot' }),
  })
  .refine((r) => !r.endsOn || r.endsOn >= r.startsOn, { message: 'The rota must end on or after its first day', path: ['endsOn'] });
type RotaFormInput = z.input<typeof RotaForm>;

/** Errors of array or preprocessed fields, as the single-message error the field components show. */
const single = (e: { message?: string | undefined; type?: unknown } | undefined): FieldError | undefined =>
  e ? { type: typeof e.type === 'string' ? e.type : 'custom', message: e.message } : undefined;

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** `rota` edits that rota; without it the dialog creates one. */
export function RotaDialog({ zone, rota, onClose }: { zone: string; rota?: DutyRota; onClose: () => void }) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const add = useAddRota();
  const update = useUpdateRota();
  const save = rota ? update : add;
  const people = useOwnerOptions({ id: null, name: null }).filter((o) => o.value !== '');
  const newSlot = () => ({
    weekdays: ['1', '2', '3', '4', '5'],
    startTime: '09:00',
    endTime: '17:00',
    userId: people[0]?.value ?? '',
    role: 'primary' as const,
  });
  const form = useForm<RotaFormInput, unknown, z.output<typeof RotaForm>>({
    resolver: zodResolver(RotaForm),
    defaultValues: rota
      ? {
          name: rota.name,
          startsOn: rota.startsOn,
          endsOn: rota.endsOn ?? '',
          slots: rota.slots.map((s) => ({
            slotId: s.id,
            weekdays: s.weekdays.map(String),
            startTime: s.startTime,
            endTime: s.endTime,
            userId: s.userId,
            role: s.role,
          })),
        }
      : { name: '', startsOn: today(), endsOn: '', slots: [newSlot()] },
  });
  const slots = useFieldArray({ control: form.control, name: 'slots' });
  const { errors } = form.formState;
  useUnsavedChangesPrompt(form.formState.isDirty);
  const slotFields = slots.fields.flatMap((_, i) =>
    (['weekdays', 'startTime', 'endTime', 'userId', 'role'] as const).map((f) => `slots.${i}.${f}` as const),
  );
  const names = ['name', 'startsOn', 'endsOn', ...slotFields] as const;

  const onSubmit = submitMapped(form, names, async (values) => {
    const slotsOut = values.slots.map(({ slotId, ...slot }) => (slotId ? { id: slotId, ...slot } : slot));
    if (rota) await update.mutateAsync({ id: rota.id, body: { ...values, endsOn: values.endsOn ?? null, slots: slotsOut } });
    else
      await add.mutateAsync({
        ...values,
        slots: slotsOut.map(({ weekdays, startTime, endTime, userId, role }) => ({ weekdays, startTime, endTime, userId, role })),
      });
    onClose();
  });

  return (
    <FormDialog
      title={rota ? t('duty.rotas.editTitle', { name: rota.name }) : t('duty.rotas.add')}
      onClose={onClose}
      onSubmit={onSubmit}
      submitLabel={rota ? t('duty.rotas.save') : t('duty.rotas.submit')}
      busy={save.isPending}
      size="lg"
    >
      <ErrorBanner error={save.error} mappedFields={names} />
      <TextField label={t('duty.rotas.name')} error={fieldError(errors.name)} {...form.register('name')} />
      <div className="field-row">
        <TextField label={t('duty.rotas.startsOn')} type="date" error={fieldError(errors.startsOn)} {...form.register('startsOn')} />
        <TextField label={t('duty.rotas.endsOn')} type="date" error={fieldError(single(errors.endsOn))} {...form.register('endsOn')} />
      </div>
      <p className="muted">{t('duty.rotas.zone', { zone })}</p>
      <h3>{t('duty.rotas.slots')}</h3>
      {slots.fields.map((field, i) => {
        const err = errors.slots?.[i];
        return (
          <fieldset key={field.id} className="rota-slot">
            <legend>{t('duty.rotas.slot', { n: i + 1 })}</legend>
            <fieldset className="weekday-picks" aria-invalid={err?.weekdays ? true : undefined}>
              <legend className="visually-hidden">{t('duty.rotas.days')}</legend>
              {WEEKDAYS.map((d) => (
                <label key={d}>
                  <input type="checkbox" value={String(d)} {...form.register(`slots.${i}.weekdays`)} /> {t(`duty.weekday.${d}`)}
                </label>
              ))}
            </fieldset>
            {err?.weekdays ? <p className="field-error">{fieldError(single(err.weekdays))}</p> : null}
            <div className="field-row">
              <TextField
                label={t('duty.rotas.startTime')}
                type="time"
                error={fieldError(err?.startTime)}
                {...form.register(`slots.${i}.startTime`)}
              />
              <TextField
                label={t('duty.rotas.endTime')}
                type="time"
                error={fieldError(err?.endTime)}
                {...form.register(`slots.${i}.endTime`)}
              />
            </div>
            <div className="field-row">
              <Select
                label={t('duty.fields.person')}
                options={people}
                error={fieldError(err?.userId)}
                {...form.register(`slots.${i}.userId`)}
              />
              <Select
                label={t('duty.fields.role')}
                options={DutyRole.options.map((r) => ({ value: r, label: t(`duty.role.${r}`) }))}
                error={fieldError(err?.role)}
                {...form.register(`slots.${i}.role`)}
              />
            </div>
            {slots.fields.length > 1 ? (
              <Button size="sm" variant="ghost" onClick={() => slots.remove(i)}>
                {t('duty.rotas.removeSlot')}
              </Button>
            ) : null}
          </fieldset>
        );
      })}
      <Button size="sm" onClick={() => slots.append(newSlot())}>
        {t('duty.rotas.addSlot')}
      </Button>
    </FormDialog>
  );
}
