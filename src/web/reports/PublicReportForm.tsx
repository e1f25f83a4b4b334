// The public incident report form (no account): who you are, what happened and when, technical
// elements and files, urgency and TLP. A honeypot field, hidden from people and assistive technology,
// catches bots. Sends JSON, or multipart when files are attached.
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { PublicReportSubmission, type ReportReceipt } from '#shared/reports/reports.schemas';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFieldErrorText } from '#web/ui/fieldErrors';
import { submitMapped } from '#web/ui/forms';
import { TextField } from '#web/ui/TextField';
import { useUnsavedChangesPrompt } from '#web/ui/UnsavedChanges';
import { attachmentsBlocked } from './AttachmentsField';
import { emptyToUndefined, LocalDateTime, ReportFields, withOffsetTime } from './ReportFields';
import { useSubmitPublicReport } from './reports.queries';

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

export function PublicReportFormView({ onSent }: { onSent: (receipt: ReportReceipt) => void }) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const submit = useSubmitPublicReport();
  const [files, setFiles] = useState<File[]>([]);
  const form = useForm({
    resolver: zodResolver(PublicReportForm),
    defaultValues: {
      reporter: { name: undefined, email: undefined, organisation: undefined, phone: undefined },
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
  const unsaved = useUnsavedChangesPrompt(form.formState.isDirty || files.length > 0);

  const onSubmit = submitMapped(form, fields, async (values) => {
    // Why: a refused file stays listed with its message; sending without it would surprise the reporter.
    if (attachmentsBlocked(files)) return;
    const receipt = await submit.mutateAsync({ submission: withOffsetTime(values), files });
    unsaved.release(); // sent: what follows (the receipt) is not leaving unsaved edits
    onSent(receipt);
  });

  return (
    <FormProvider {...form}>
      <form className="report-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="report-title">
        <h1 id="report-title">{t('reports.public.title')}</h1>
        <p>{t('reports.public.intro')}</p>
        <p className="muted">{t('reports.public.required')}</p>
        <fieldset className="form-section">
          <legend>{t('reports.public.aboutYou')}</legend>
          <p className="muted">{t('reports.public.anonymous')}</p>
          <div className="field-row">
            <TextField
              label={t('reports.fields.name')}
              autoComplete="name"
              error={fieldError(errors.reporter?.name)}
              {...form.register('reporter.name', { setValueAs: emptyToUndefined })}
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
              error={fieldError(errors.reporter?.email)}
              {...form.register('reporter.email', { setValueAs: emptyToUndefined })}
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
        <ReportFields variant="public" files={files} onFilesChange={setFiles} />
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
    </FormProvider>
  );
}
