// Dialogs of the team key: generate one (name and e-mail default from the profile; the revocation
// certificate is shown once, to copy or download and store offline) and import an existing private key.
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { KeyGenerate, KeyImport, type TeamKeyInfo } from '#shared/team/team.schemas';
import { Button } from '#web/ui/Button';
import { Dialog, DialogActions } from '#web/ui/Dialog';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFieldErrorText } from '#web/ui/fieldErrors';
import { applyProblemFields } from '#web/ui/forms';
import { SecretReveal } from '#web/ui/SecretReveal';
import { TextArea } from '#web/ui/TextArea';
import { TextField } from '#web/ui/TextField';
import { formatFingerprint } from './team.format';
import { useGenerateKey, useImportKey } from './team.queries';

const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const generateFields = ['name', 'email', 'expiresInDays'] as const;
const importFields = ['armoredPrivate', 'passphrase'] as const;

export interface KeyGenerateDialogProps {
  defaults: { name: string | undefined; email: string | undefined };
  onClose: () => void;
}

export function KeyGenerateDialog({ defaults, onClose }: KeyGenerateDialogProps) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const generate = useGenerateKey();
  const [done, setDone] = useState<{ key: TeamKeyInfo; certificate: string } | null>(null);
  const form = useForm({
    resolver: zodResolver(KeyGenerate),
    defaultValues: { name: defaults.name, email: defaults.email, expiresInDays: 730 },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const result = await generate.mutateAsync(values);
      setDone({ key: result.key, certificate: result.revocationCertificate });
    } catch (error) {
      applyProblemFields(error, form.setError, generateFields);
    }
  });

  if (done) {
    const href = `data:application/pgp-keys;charset=utf-8,${encodeURIComponent(done.certificate)}`;
    return (
      <Dialog key="done" title={t('team.keys.generate.doneTitle')} onClose={onClose} size="lg">
        <p>{t('team.keys.generate.doneText', { fingerprint: formatFingerprint(done.key.fingerprint) })}</p>
        <SecretReveal
          multiline
          label={t('team.keys.generate.certificate')}
          value={done.certificate}
          warning={t('team.keys.generate.certificateWarning')}
          actions={
            <a className="btn btn-secondary" href={href} download={`revocation-${done.key.keyId}.asc`}>
              {t('team.keys.generate.download')}
            </a>
          }
        />
        <DialogActions>
          <Button variant="primary" onClick={onClose}>
            {t('common.done')}
          </Button>
        </DialogActions>
      </Dialog>
    );
  }

  return (
    <Dialog key="form" title={t('team.keys.generate.title')} onClose={onClose}>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <p>{t('team.keys.generate.text')}</p>
        <ErrorBanner error={generate.error} mappedFields={generateFields} />
        <TextField
          label={t('team.keys.generate.name')}
          autoComplete="off"
          error={fieldError(errors.name)}
          {...form.register('name', { setValueAs: emptyToUndefined })}
        />
        <TextField
          label={t('team.keys.generate.email')}
          type="email"
          autoComplete="off"
          error={fieldError(errors.email)}
          {...form.register('email', { setValueAs: emptyToUndefined })}
        />
        <TextField
          label={t('team.keys.generate.expiresInDays')}
          type="number"
          min={30}
          max={3650}
          className="field-short"
          hint={t('team.keys.generate.expiresHint')}
          error={fieldError(errors.expiresInDays)}
          {...form.register('expiresInDays', { valueAsNumber: true })}
        />
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" busy={generate.isPending}>
            {t('team.keys.generate.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

export function KeyImportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const importKey = useImportKey();
  const form = useForm({ resolver: zodResolver(KeyImport), defaultValues: { armoredPrivate: '', passphrase: '' } });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await importKey.mutateAsync(values);
      onClose();
    } catch (error) {
      applyProblemFields(error, form.setError, importFields);
    }
  });

  return (
    <Dialog title={t('team.keys.import.title')} onClose={onClose} size="lg">
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <p>{t('team.keys.import.text')}</p>
        <ErrorBanner error={importKey.error} mappedFields={importFields} />
        <TextArea
          label={t('team.keys.import.armoredPrivate')}
          rows={10}
          className="mono"
          spellCheck={false}
          autoComplete="off"
          placeholder="-----BEGIN PGP PRIVATE KEY BLOCK-----"
          error={fieldError(errors.armoredPrivate)}
          {...form.register('armoredPrivate')}
        />
        <TextField
          label={t('team.keys.import.passphrase')}
          type="password"
          autoComplete="off"
          hint={t('team.keys.import.passphraseHint')}
          error={fieldError(errors.passphrase)}
          {...form.register('passphrase')}
        />
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" busy={importKey.isPending}>
            {t('team.keys.import.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
