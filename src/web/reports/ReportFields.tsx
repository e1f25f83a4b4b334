// The report fields the public form and the portal form share: summary, what happened, when, technical
// elements, attachments, urgency and TLP. The public variant groups them in sections, marks the required
// ones and adds hints for reporters without an account. Read inside the form's <FormProvider>.
import type { ReactNode } from 'react';
import { useFormContext, useFormState, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { TlpLabel } from '#shared/taxonomies/tlp';
import { Checkbox } from '#web/ui/Checkbox';
import { localInputToOffsetIso } from '#web/ui/datetime';
import { useFieldErrorText } from '#web/ui/fieldErrors';
import { useTlpOptions } from '#web/ui/markings';
import { Select } from '#web/ui/Select';
import { TextArea } from '#web/ui/TextArea';
import { TextField } from '#web/ui/TextField';
import { AttachmentsField } from './AttachmentsField';

/** A `datetime-local` value (or empty); `withOffsetTime` turns it into an instant with the browser's offset. */
export const LocalDateTime = z.string().regex(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?)?$/, { message: 'A date and time' });

export const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

/** The values these fields edit; the select offers TLP 2.0 labels only. */
export interface ReportFieldValues {
  title: string;
  description: string;
  occurredAt?: string | undefined;
  evidence?: string | undefined;
  urgent?: boolean | undefined;
  tlp?: TlpLabel | undefined;
}

/** The form's values as a submission: `occurredAt` from local time to an instant with the browser's offset. */
export function withOffsetTime<T extends { occurredAt?: string | undefined }>({ occurredAt, ...values }: T) {
  return { ...values, occurredAt: occurredAt ? localInputToOffsetIso(occurredAt) : undefined };
}

export interface ReportFieldsProps {
  variant: 'public' | 'portal';
  files: readonly File[];
  onFilesChange: (files: File[]) => void;
}

/** The public form's fieldset with its legend; the portal form lists the same fields without one. */
function Section({ grouped, legend, children }: { grouped: boolean; legend: string; children: ReactNode }) {
  if (!grouped) return children;
  return (
    <fieldset className="form-section">
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}

export function ReportFields({ variant, files, onFilesChange }: ReportFieldsProps) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const tlpOptions = useTlpOptions({ withSummary: true });
  const { register } = useFormContext<ReportFieldValues>();
  const { errors } = useFormState<ReportFieldValues>();
  const tlp = useWatch<ReportFieldValues, 'tlp'>({ name: 'tlp' }) ?? 'AMBER';
  const isPublic = variant === 'public';

  return (
    <>
      <Section grouped={isPublic} legend={t('reports.public.whatHappened')}>
        <TextField
          label={t('reports.fields.title')}
          required={isPublic}
          hint={t('reports.fields.titleHint')}
          error={fieldError(errors.title)}
          {...register('title')}
        />
        <TextArea
          label={t('reports.fields.description')}
          rows={6}
          required={isPublic}
          hint={t('reports.fields.descriptionHint')}
          error={fieldError(errors.description)}
          {...register('description')}
        />
        <TextField
          label={t('reports.fields.occurredAt')}
          type="datetime-local"
          className="field-datetime"
          hint={isPublic ? t('reports.fields.occurredAtHint') : undefined}
          error={fieldError(errors.occurredAt)}
          {...register('occurredAt', { setValueAs: emptyToUndefined })}
        />
      </Section>
      <Section grouped={isPublic} legend={t('reports.public.technical')}>
        <TextArea
          label={t('reports.fields.evidence')}
          rows={8}
          className="mono"
          spellCheck={false}
          hint={t('reports.fields.evidenceHint')}
          error={fieldError(errors.evidence)}
          {...register('evidence', { setValueAs: emptyToUndefined })}
        />
        <AttachmentsField files={files} onChange={onFilesChange} />
      </Section>
      <Section grouped={isPublic} legend={t('reports.public.handling')}>
        <Checkbox label={t('reports.fields.urgent')} hint={t('reports.fields.urgentHint')} {...register('urgent')} />
        <Select
          label={t('reports.fields.tlp')}
          options={tlpOptions}
          hint={isPublic ? t('reports.fields.tlpHint', { meaning: t(`markings.tlp.${tlp}`) }) : undefined}
          error={fieldError(errors.tlp)}
          {...register('tlp')}
        />
      </Section>
    </>
  );
}
