// Dialogs of the team key: generate one (name and e-mail default from the profile; the revocation
// certificate is shown once, to copy or download and store offline) and import an existing private key.
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { KeyGenerate, KeyImport, type TeamKeyInfo } from '#shared/team/team.schemas';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFieldErrorText } from '#web/ui/fieldErrors';
import { FormDialog } from '#web/ui/FormDialog';
import { submitMapped } from '#web/ui/forms';
import { SecretDialog } from '#web/ui/SecretReveal';
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

  const onSubmit = submitMapped(form, generateFields, async (values) => {
    const result = await generate.mutateAsync(values);
    setDone({ key: result.key, certificate: result.revocationCertificate });
  });

  if (done) {
    const href = `data:application/pgp-keys;charset=utf-8,${encodeURIComponent(done.certificate)}`;
    return (
      <SecretDialog
        title={t('team.keys.generate.doneTitle')}
        text={t('team.keys.generate.doneText', { fingerprint: formatFingerprint(done.key.fingerprint) })}
        secret={{
          multiline: true,
          label: t('team.keys.generate.certificate'),
          value: done.certificate,
          warning: t('team.keys.generate.certificateWarning'),
          actions: (
            <a className="btn btn-secondary" href={href} download={`revocation-${done.key.keyId}.asc`}>
              {t('team.keys.generate.download')}
            </a>
          ),
        }}
        onClose={onClose}
        size="lg"
      />
    );
  }

  return (
    <FormDialog
      title={t('team.keys.generate.title')}
      onClose={onClose}
      onSubmit={onSubmit}
      submitLabel={t('team.keys.generate.submit')}
      busy={generate.isPending}
    >
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
    </FormDialog>
  );
}

export function KeyImportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const importKey = useImportKey();
  const form = useForm({ resolver: zodResolver(KeyImport), defaultValues: { armoredPrivate: '', passphrase: '' } });
  const { errors } = form.formState;

  const onSubmit = submitMapped(form, importFields, async (values) => {
    await importKey.mutateAsync(values);
    onClose();
  });

  return (
    <FormDialog
      title={t('team.keys.import.title')}
      onClose={onClose}
      size="lg"
      onSubmit={onSubmit}
      submitLabel={t('team.keys.import.submit')}
      busy={importKey.isPending}
    >
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
    </FormDialog>
  );
}
