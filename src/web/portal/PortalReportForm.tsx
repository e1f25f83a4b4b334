// The portal's "Report an incident" form for constituent users: the account is the reporter, so only what
// happened, when, technical elements and files, urgency and TLP. Posts to /api/reports, then the files.
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ReportSubmission, type ReportReceipt } from '#shared/reports/reports.schemas';
import { attachmentsBlocked } from '#web/reports/AttachmentsField';
import { LocalDateTime, ReportFields, withOffsetTime } from '#web/reports/ReportFields';
import { useSubmitReport } from '#web/reports/reports.queries';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { submitMapped } from '#web/ui/forms';
import { useUnsavedChangesPrompt } from '#web/ui/UnsavedChanges';

const PortalReportFields = ReportSubmission.pick({ title: true, description: true, evidence: true, urgent: true, tlp: true }).extend({
  occurredAt: LocalDateTime.optional(),
});
const fields = ['title', 'description', 'evidence', 'occurredAt', 'urgent', 'tlp'] as const;

export interface PortalReportSent {
  receipt: ReportReceipt;
  uploadError: unknown;
}

export function PortalReportForm({ onSent }: { onSent: (sent: PortalReportSent) => void }) {
  const { t } = useTranslation();
  const submit = useSubmitReport();
  const [files, setFiles] = useState<File[]>([]);
  const form = useForm({
    resolver: zodResolver(PortalReportFields),
    defaultValues: { title: '', description: '', evidence: undefined, occurredAt: undefined, urgent: false, tlp: 'AMBER' },
  });

  const unsaved = useUnsavedChangesPrompt(form.formState.isDirty || files.length > 0);

  const onSubmit = submitMapped(form, fields, async (values) => {
    if (attachmentsBlocked(files)) return;
    const sent = await submit.mutateAsync({ submission: withOffsetTime(values), files });
    unsaved.release(); // sent: what follows is not leaving unsaved edits
    onSent(sent);
  });

  return (
    <FormProvider {...form}>
      <form className="report-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('portal.report.title')}>
        <ReportFields variant="portal" files={files} onFilesChange={setFiles} />
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
