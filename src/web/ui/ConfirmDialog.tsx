// A yes/no dialog for consequential actions (revoke, reset): states the consequence, shows the
// failure if the request fails, and keeps focus on Cancel first so Enter never confirms by accident.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';
import { Dialog, DialogActions } from './Dialog';
import { ErrorBanner } from './ErrorBanner';

export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  busy?: boolean;
  error?: unknown;
}

export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onClose, busy = false, error }: ConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog title={title} onClose={onClose} size="sm">
      <div className="confirm-text">{children}</div>
      <ErrorBanner error={error} />
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          {t('common.cancel')}
        </Button>
        <Button variant="danger" busy={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
