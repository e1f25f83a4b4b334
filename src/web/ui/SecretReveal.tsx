// A secret shown exactly once (generated password, API token, revocation certificate): a warning, the
// value in a read-only field to select (multi-line for armoured text), and a copy button announced politely;
// and the "done" dialog that shows it after a create or reset form, closed by "Done".
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';
import { Dialog, DialogActions, type DialogProps } from './Dialog';
import { TextArea } from './TextArea';
import { TextField } from './TextField';
import { useClipboard } from './useClipboard';

export interface SecretRevealProps {
  label: string;
  value: string;
  warning: string;
  /** Armoured or other multi-line text: shown in a read-only textarea. */
  multiline?: boolean;
  /** Extra actions beside Copy (e.g. a download link). */
  actions?: ReactNode;
}

export function SecretReveal({ label, value, warning, multiline = false, actions }: SecretRevealProps) {
  const { t } = useTranslation();
  const clipboard = useClipboard();

  return (
    <div className="secret">
      <p className="notice notice-warning">{warning}</p>
      <div className={multiline ? 'secret-row secret-row-multiline' : 'secret-row'}>
        {multiline ? (
          <TextArea
            label={label}
            value={value}
            readOnly
            rows={8}
            className="secret-field"
            spellCheck={false}
            onFocus={(e) => e.currentTarget.select()}
          />
        ) : (
          <TextField
            label={label}
            value={value}
            readOnly
            className="secret-field"
            spellCheck={false}
            onFocus={(e) => e.currentTarget.select()}
          />
        )}
        <div className="secret-actions">
          <Button onClick={() => clipboard.copy(value)}>{t('common.copy')}</Button>
          {actions}
        </div>
      </div>
      <p className="secret-status" aria-live="polite">
        {clipboard.status}
      </p>
    </div>
  );
}

export interface SecretDialogProps {
  title: string;
  /** A sentence above the secret (what was created), if any. */
  text?: string | undefined;
  /** The secret to show once; none when there is nothing to reveal (e.g. a password the admin typed). */
  secret?: SecretRevealProps | undefined;
  onClose: () => void;
  size?: DialogProps['size'];
}

export function SecretDialog({ title, text, secret, onClose, size }: SecretDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog title={title} onClose={onClose} size={size}>
      {text === undefined ? null : <p>{text}</p>}
      {secret ? <SecretReveal {...secret} /> : null}
      <DialogActions>
        <Button variant="primary" onClick={onClose}>
          {t('common.done')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
