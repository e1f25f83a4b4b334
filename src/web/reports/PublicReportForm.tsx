// The public incident report form (no account): who you are, what happened and when, technical
// elements and files, urgency and TLP. A honeypot field, hidden from people and assistive technology,
// catches bots. Sends JSON, or multipart when files are attached.
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { PublicReportSubmission, type ReportReceipt } from '#shared/reports/reports.schemas';
import { Button } from '#web/ui/Button';
import { Checkbox } from '#web/ui/Checkbox';
import { localInputToOffsetIso } from '#web/ui/datetime';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFieldErrorText } from '#web/ui/fieldErrors';
import { applyProblemFields } from '#web/ui/forms';
import { useTlpOptions } from '#web/ui/markings';
import { Select } from '#web/ui/Select';
import { TextArea } from '#web/ui/TextArea';
import { TextField } from '#web/ui/TextField';
import { AttachmentsField } from './AttachmentsField';
import { useSubmitPublicReport } from './reports.queries';

const LocalDateTime = z.string().regex(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?)?$/, { message: 'A date and time' });
const PublicReportForm = PublicReportSubmission.extend({ occurredAt: LocalDateTime.optional() });

const fields = [
  'reporter.name',
  'reporter.organisation',
  'reporter.email',
  'reporter.phone',
  'title',
  'description',
  'occurredAt',
  'evidence',
  'urgent',
  'tlp',
] as const;
const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

export function PublicReportFormView({ onSent }: { onSent: (receipt: ReportReceipt) => void }) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const tlpOptions = useTlpOptions({ withSummary: true });
  const submit = useSubmitPublicReport();
  const [files, setFiles] = useState<File[]>([]);
  const form = useForm({
    resolver: zodResolver(PublicReportForm),
    defaultValues: {
      reporter: { name: '', email: '', organisation: undefined, phone: undefined },
      title: '',
      description: '',
      evidence: undefined,
      occurredAt: undefined,
      urgent: false,
      tlp: 'AMBER',
      website: undefined,
    },
  });
  const { errors } = form.formState;
  const tlp = form.watch('tlp') ?? 'AMBER';

  const onSubmit = form.handleSubmit(async ({ occurredAt, ...values }) => {
    const submission = { ...values, occurredAt: occurredAt ? localInputToOffsetIso(occurredAt) : undefined };
    try {
      onSent(await submit.mutateAsync({ submission, files }));
    } catch (error) {
      applyProblemFields(error, form.setError, fields);
    }
  });

  return (
    <form className="report-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="report-title">
      <h1 id="report-title">{t('reports.public.title')}</h1>
      <p>{t('reports.public.intro')}</p>
      <p className="muted">{t('reports.public.required')}</p>
      <fieldset className="form-section">
        <legend>{t('reports.public.aboutYou')}</legend>
        <div className="field-row">
          <TextField
            label={t('reports.fields.name')}
            autoComplete="name"
            required
            error={fieldError(errors.reporter?.name)}
            {...form.register('reporter.name')}
          />
          <TextField
            label={t('reports.fields.organisation')}
            autoComplete="organization"
            error={fieldError(errors.reporter?.organisation)}
            {...form.register('reporter.organisation', { setValueAs: emptyToUndefined })}
          />
        </div>
        <div className="field-row">
          <TextField
            label={t('reports.fields.email')}
            type="email"
            autoComplete="email"
            required
            error={fieldError(errors.reporter?.email)}
            {...form.register('reporter.email')}
          />
          <TextField
            label={t('reports.fields.phone')}
            type="tel"
            autoComplete="tel"
            error={fieldError(errors.reporter?.phone)}
            {...form.register('reporter.phone', { setValueAs: emptyToUndefined })}
          />
        </div>
      </fieldset>
      <fieldset className="form-section">
        <legend>{t('reports.public.whatHappened')}</legend>
        <TextField
          label={t('reports.fields.title')}
          required
          hint={t('reports.fields.titleHint')}
          error={fieldError(errors.title)}
          {...form.register('title')}
        />
        <TextArea
          label={t('reports.fields.description')}
          rows={6}
          required
          hint={t('reports.fields.descriptionHint')}
          error={fieldError(errors.description)}
          {...form.register('description')}
        />
        <TextField
          label={t('reports.fields.occurredAt')}
          type="datetime-local"
          className="field-datetime"
          hint={t('reports.fields.occurredAtHint')}
          error={fieldError(errors.occurredAt)}
          {...form.register('occurredAt', { setValueAs: emptyToUndefined })}
        />
      </fieldset>
      <fieldset className="form-section">
        <legend>{t('reports.public.technical')}</legend>
        <TextArea
          label={t('reports.fields.evidence')}
          rows={8}
          className="mono"
          spellCheck={false}
          hint={t('reports.fields.evidenceHint')}
          error={fieldError(errors.evidence)}
          {...form.register('evidence', { setValueAs: emptyToUndefined })}
        />
        <AttachmentsField files={files} onChange={setFiles} />
      </fieldset>
      <fieldset className="form-section">
        <legend>{t('reports.public.handling')}</legend>
        <Checkbox label={t('reports.fields.urgent')} hint={t('reports.fields.urgentHint')} {...form.register('urgent')} />
        <Select
          label={t('reports.fields.tlp')}
          options={tlpOptions}
          hint={t('reports.fields.tlpHint', { meaning: t(`markings.tlp.${tlp === 'WHITE' ? 'CLEAR' : tlp}`) })}
          error={fieldError(errors.tlp)}
          {...form.register('tlp')}
        />
      </fieldset>
      {/* Why: bots fill every field; people never see this one (off-screen, hidden from assistive
          technology, out of the tab order, no autofill). A filled value makes the server refuse the report. */}
      <div className="honeypot" aria-hidden="true">
        <TextField
          label={t('reports.public.honeypot')}
          tabIndex={-1}
          autoComplete="off"
          {...form.register('website', { setValueAs: emptyToUndefined })}
        />
      </div>
      <ErrorBanner error={submit.error} mappedFields={fields} />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={submit.isPending}>
          {t('reports.public.submit')}
        </Button>
      </div>
    </form>
  );
}
