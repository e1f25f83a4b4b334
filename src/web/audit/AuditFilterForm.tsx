// Filter form of the audit log (action, actor, entity type, from, to). Submitting writes the
// filters to the URL; dates are typed in local time and sent as ISO 8601 instants.
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { AuditQuery } from '#shared/audit/audit.schemas';
import { Button } from '#web/ui/Button';
import { useFieldErrorText } from '#web/ui/fieldErrors';
import { TextField } from '#web/ui/TextField';
import type { AuditFilters } from './audit.queries';

const LocalDateTime = z.string().regex(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?)?$/);
const FilterForm = AuditQuery.pick({ action: true, actor: true, entityType: true }).extend({ from: LocalDateTime, to: LocalDateTime });
type FilterForm = z.infer<typeof FilterForm>;

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO instant → the `datetime-local` input's local wall-clock value. */
export function isoToLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function localInputToIso(local: string): string | undefined {
  if (!local) return undefined;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export interface AuditFilterFormProps {
  filters: AuditFilters;
  onApply: (filters: AuditFilters) => void;
  onClear: () => void;
}

export function AuditFilterForm({ filters, onApply, onClear }: AuditFilterFormProps) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const form = useForm<FilterForm>({
    resolver: zodResolver(FilterForm),
    defaultValues: {
      action: filters.action ?? '',
      actor: filters.actor ?? '',
      entityType: filters.entityType ?? '',
      from: isoToLocalInput(filters.from),
      to: isoToLocalInput(filters.to),
    },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    onApply({
      action: values.action?.trim(),
      actor: values.actor?.trim(),
      entityType: values.entityType?.trim(),
      entityId: filters.entityId,
      from: localInputToIso(values.from),
      to: localInputToIso(values.to),
    });
  });

  return (
    <form className="filters" role="search" aria-label={t('audit.filters.label')} onSubmit={(event) => void onSubmit(event)} noValidate>
      <TextField
        label={t('audit.filters.action')}
        placeholder="user.create"
        error={fieldError(errors.action)}
        {...form.register('action')}
      />
      <TextField label={t('audit.filters.actor')} error={fieldError(errors.actor)} {...form.register('actor')} />
      <TextField
        label={t('audit.filters.entityType')}
        placeholder="user"
        error={fieldError(errors.entityType)}
        {...form.register('entityType')}
      />
      <TextField label={t('audit.filters.from')} type="datetime-local" error={fieldError(errors.from)} {...form.register('from')} />
      <TextField label={t('audit.filters.to')} type="datetime-local" error={fieldError(errors.to)} {...form.register('to')} />
      <div className="filters-actions">
        <Button type="submit" variant="primary">
          {t('audit.filters.apply')}
        </Button>
        <Button onClick={onClear}>{t('audit.filters.clear')}</Button>
      </div>
    </form>
  );
}
