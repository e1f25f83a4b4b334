// The portal's "Report an incident" form for constituent users: the account is the reporter, so only what
// happened, when, technical elements and files, urgency and TLP. Posts to /api/reports, then the files.
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ReportSubmission, type ReportReceipt } from '#shared/reports/reports.schemas';
import { AttachmentsField } from '#web/reports/AttachmentsField';
import { useSubmitReport } from '#web/reports/reports.queries';
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

const LocalDateTime = z.string().regex(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?)?$/, { message: 'A date and time' });
const PortalReportFields = ReportSubmission.pick({ title: true, description: true, evidence: true, urgent: true, tlp: true }).extend({
  occurredAt: LocalDateTime.optional(),
});
const fields = ['title', 'description', 'evidence', 'occurredAt', 'urgent', 'tlp'] as const;
const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

export interface PortalReportSent {
  receipt: ReportReceipt;
  uploadError: unknown;
}

export function PortalReportForm({ onSent }: { onSent: (sent: PortalReportSent) => void }) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const tlpOptions = useTlpOptions({ withSummary: true });
  const submit = useSubmitReport();
  const [files, setFiles] = useState<File[]>([]);
  const form = useForm({
    resolver: zodResolver(PortalReportFields),
    defaultValues: { title: '', description: '', evidence: undefined, occurredAt: undefined, urgent: false, tlp: 'AMBER' },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async ({ occurredAt, ...values }) => {
    const submission = { ...values, occurredAt: occurredAt ? localInputToOffsetIso(occurredAt) : undefined };
    try {
      onSent(await submit.mutateAsync({ submission, files }));
    } catch (error) {
      applyProblemFields(error, form.setError, fields);
    }
  });

  return (
    <form className="report-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('portal.report.title')}>
      <TextField
        label={t('reports.fields.title')}
        hint={t('reports.fields.titleHint')}
        error={fieldError(errors.title)}
        {...form.register('title')}
      />
      <TextArea
        label={t('reports.fields.description')}
        rows={6}
        hint={t('reports.fields.descriptionHint')}
        error={fieldError(errors.description)}
        {...form.register('description')}
      />
      <TextField
        label={t('reports.fields.occurredAt')}
        type="datetime-local"
        className="field-datetime"
        error={fieldError(errors.occurredAt)}
        {...form.register('occurredAt', { setValueAs: emptyToUndefined })}
      />
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
      <Checkbox label={t('reports.fields.urgent')} hint={t('reports.fields.urgentHint')} {...form.register('urgent')} />
      <Select label={t('reports.fields.tlp')} options={tlpOptions} error={fieldError(errors.tlp)} {...form.register('tlp')} />
      <ErrorBanner error={submit.error} mappedFields={fields} />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={submit.isPending}>
          {t('reports.public.submit')}
        </Button>
      </div>
    </form>
  );
}
