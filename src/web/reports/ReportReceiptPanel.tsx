// What a reporter sees once the report is sent: its reference, and the secret tracking link (shown once)
// with a copy button and a warning that it is the only way to follow the report without an account.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportReceipt } from '#shared/reports/reports.schemas';
import { Button } from '#web/ui/Button';
import { CopyButton } from '#web/ui/CopyButton';
import { absoluteUrl, safeHref } from '#web/ui/links';

export interface ReportReceiptPanelProps {
  receipt: ReportReceipt;
  /** Shown when the report was sent but its files could not be uploaded. */
  notice?: string | undefined;
  onAnother: () => void;
}

export function ReportReceiptPanel({ receipt, notice, onAnother }: ReportReceiptPanelProps) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const href = safeHref(receipt.trackingUrl);
  const link = href ? absoluteUrl(href) : null;

  useEffect(() => headingRef.current?.focus(), []);

  return (
    <section className="receipt" aria-labelledby="receipt-title">
      <h1 id="receipt-title" ref={headingRef} tabIndex={-1}>
        {t('reports.receipt.title')}
      </h1>
      <p>{t('reports.receipt.text')}</p>
      <p className="receipt-reference">
        <span className="muted">{t('reports.receipt.reference')}</span> <strong>{receipt.reference}</strong>
      </p>
      <p className="muted">{t('reports.receipt.counts', { observables: receipt.observables, attachments: receipt.attachments })}</p>
      {notice ? <p className="notice notice-warning">{notice}</p> : null}
      {link && href ? (
        <div className="receipt-tracking">
          <p className="notice notice-warning">{t('reports.receipt.warning')}</p>
          <p className="receipt-link">
            <a href={href}>{t('reports.receipt.follow')}</a>
          </p>
          <div className="receipt-url">
            <code className="tracking-url">{link}</code>
            <CopyButton value={link} label={t('reports.receipt.copy')} />
          </div>
        </div>
      ) : null}
      <Button onClick={onAnother}>{t('reports.receipt.another')}</Button>
    </section>
  );
}
