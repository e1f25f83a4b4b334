// A dialog holding one form: the fields given as children, then Cancel and the submit button (busy while
// the request runs). The form does its own validation (noValidate) and maps server problems onto fields.
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';
import { Dialog, DialogActions, type DialogProps } from './Dialog';

export interface FormDialogProps {
  title: string;
  onClose: () => void;
  size?: DialogProps['size'];
  onSubmit: (event: FormEvent<HTMLFormElement>) => Promise<unknown>;
  submitLabel: string;
  /** `danger` for a consequential change (e.g. a password reset). */
  submitVariant?: 'primary' | 'danger';
  busy: boolean;
  children: ReactNode;
}

export function FormDialog(props: FormDialogProps) {
  const { title, onClose, size, onSubmit, submitLabel, submitVariant = 'primary', busy, children } = props;
  const { t } = useTranslation();
  return (
    <Dialog title={title} onClose={onClose} size={size}>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        {children}
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant={submitVariant} busy={busy}>
            {submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
