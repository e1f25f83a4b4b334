// /report: the public report form, then the receipt with the tracking link. No account needed.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportReceipt } from '#shared/reports/reports.schemas';
import { usePageTitle } from '#web/ui/Page';
import { PublicReportFormView } from './PublicReportForm';
import { ReportReceiptPanel } from './ReportReceiptPanel';

export function PublicReportPage() {
  const { t } = useTranslation();
  const [receipt, setReceipt] = useState<ReportReceipt | null>(null);
  // A new key after each report: "send another" starts from an empty form.
  const [formKey, setFormKey] = useState(0);
  usePageTitle(receipt ? t('reports.receipt.title') : t('reports.public.title'));

  if (receipt) {
    return (
      <ReportReceiptPanel
        receipt={receipt}
        onAnother={() => {
          setReceipt(null);
          setFormKey((k) => k + 1);
        }}
      />
    );
  }
  return <PublicReportFormView key={formKey} onSent={setReceipt} />;
}
