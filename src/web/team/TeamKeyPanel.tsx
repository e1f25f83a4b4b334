// The team's OpenPGP key: the active key (fingerprint in groups of four, key ID, user IDs, algorithm,
// dates), earlier keys, and for admins generate, import and retire. Publication signs with the active key.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamKeyInfo } from '#shared/team/team.schemas';
import { Badge } from '#web/ui/Badge';
import { Button } from '#web/ui/Button';
import { ConfirmDialog } from '#web/ui/ConfirmDialog';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFormatDateTime } from '#web/ui/format';
import { Loading } from '#web/ui/Page';
import { KeyGenerateDialog, KeyImportDialog } from './KeyDialogs';
import { formatFingerprint } from './team.format';
import { useRetireKey, useTeamKeys } from './team.queries';

type DialogState = { kind: 'generate' } | { kind: 'import' } | { kind: 'retire'; key: TeamKeyInfo } | null;

function KeyDetails({ keyInfo }: { keyInfo: TeamKeyInfo }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
    <dl className="details details-compact">
      <dt>{t('team.keys.fingerprint')}</dt>
      <dd>
        <code className="fingerprint">{formatFingerprint(keyInfo.fingerprint)}</code>
      </dd>
      <dt>{t('team.keys.keyId')}</dt>
      <dd>
        <code>{keyInfo.keyId}</code>
      </dd>
      <dt>{t('team.keys.userIds')}</dt>
      <dd>{keyInfo.userIds.join(', ')}</dd>
      <dt>{t('team.keys.algorithm')}</dt>
      <dd>{keyInfo.algorithm}</dd>
      <dt>{t('team.keys.created')}</dt>
      <dd>{formatDateTime(keyInfo.createdAt)}</dd>
      <dt>{t('team.keys.expires')}</dt>
      <dd>{keyInfo.expiresAt ? formatDateTime(keyInfo.expiresAt) : t('team.keys.noExpiry')}</dd>
      <dt>{t('team.keys.origin')}</dt>
      <dd>{t(`team.keys.origins.${keyInfo.origin}`)}</dd>
    </dl>
  );
}

function RetireDialog({ keyInfo, onClose }: { keyInfo: TeamKeyInfo; onClose: () => void }) {
  const { t } = useTranslation();
  const retire = useRetireKey();
  return (
    <ConfirmDialog
      title={t('team.keys.retire.title')}
      confirmLabel={t('team.keys.retire.submit')}
      busy={retire.isPending}
      error={retire.error}
      onClose={onClose}
      onConfirm={() => retire.mutate(keyInfo.id, { onSuccess: onClose })}
    >
      <p>{t('team.keys.retire.text', { fingerprint: formatFingerprint(keyInfo.fingerprint) })}</p>
    </ConfirmDialog>
  );
}

export interface TeamKeyPanelProps {
  canManage: boolean;
  defaults: { name: string | undefined; email: string | undefined };
}

export function TeamKeyPanel({ canManage, defaults }: TeamKeyPanelProps) {
  const { t } = useTranslation();
  const keys = useTeamKeys();
  const [dialog, setDialog] = useState<DialogState>(null);
  const items = keys.data?.items ?? [];
  const active = items.find((k) => k.active);
  const earlier = items.filter((k) => !k.active);
  const close = () => setDialog(null);

  return (
    <section className="panel side-panel" aria-labelledby="team-key-title">
      <h2 id="team-key-title">{t('team.keys.title')}</h2>
      <ErrorBanner error={keys.error} />
      {keys.isPending ? <Loading /> : null}
      {active ? (
        <>
          <p>
            <Badge tone="success">{t('team.keys.active')}</Badge>
          </p>
          <KeyDetails keyInfo={active} />
        </>
      ) : keys.isSuccess ? (
        <p className="notice notice-warning">{t('team.keys.none')}</p>
      ) : null}
      {canManage ? (
        <div className="form-actions">
          <Button variant={active ? 'secondary' : 'primary'} onClick={() => setDialog({ kind: 'generate' })}>
            {t('team.keys.generateButton')}
          </Button>
          <Button onClick={() => setDialog({ kind: 'import' })}>{t('team.keys.importButton')}</Button>
          {active ? (
            <Button variant="danger" onClick={() => setDialog({ kind: 'retire', key: active })}>
              {t('team.keys.retireButton')}
            </Button>
          ) : null}
        </div>
      ) : null}
      {earlier.length > 0 ? (
        <details className="earlier-keys">
          <summary>{t('team.keys.earlier', { count: earlier.length })}</summary>
          {earlier.map((k) => (
            <KeyDetails key={k.id} keyInfo={k} />
          ))}
        </details>
      ) : null}
      {dialog?.kind === 'generate' ? <KeyGenerateDialog defaults={defaults} onClose={close} /> : null}
      {dialog?.kind === 'import' ? <KeyImportDialog onClose={close} /> : null}
      {dialog?.kind === 'retire' ? <RetireDialog keyInfo={dialog.key} onClose={close} /> : null}
    </section>
  );
}
