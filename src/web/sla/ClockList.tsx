// The SLA clocks of a report or an incident: target, mode, due time with its state, status, and
// pause (with a reason, kept in the audit trail) / resume for those allowed.
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ClockPause, type SlaClock } from '#shared/sla/sla.schemas';
import { Badge, type BadgeTone } from '#web/ui/Badge';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFieldErrorText } from '#web/ui/fieldErrors';
import { FormDialog } from '#web/ui/FormDialog';
import { submitMapped } from '#web/ui/forms';
import { Table, type Column } from '#web/ui/Table';
import { TextArea } from '#web/ui/TextArea';
import { DueBadge } from './DueBadge';
import { useClockAction } from './sla.queries';

const statusTone: Record<SlaClock['status'], BadgeTone> = { running: 'info', paused: 'warning', met: 'success', breached: 'danger' };

export interface ClockListProps {
  clocks: readonly SlaClock[];
  basePath: string;
  canManage: boolean;
  onChanged: () => Promise<unknown>;
}

function PauseDialog({
  clock,
  onPause,
  onClose,
  busy,
  error,
}: {
  clock: SlaClock;
  onPause: (reason: string) => Promise<void>;
  onClose: () => void;
  busy: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const form = useForm({ resolver: zodResolver(ClockPause), defaultValues: { reason: '' } });
  const onSubmit = submitMapped(form, ['reason'], async ({ reason }) => {
    await onPause(reason);
  });
  return (
    <FormDialog
      title={t('sla.pause.title', { target: t(`sla.target.${clock.target}`) })}
      onClose={onClose}
      size="sm"
      onSubmit={onSubmit}
      submitLabel={t('sla.pause.submit')}
      busy={busy}
    >
      <p>{t('sla.pause.text')}</p>
      <ErrorBanner error={error} mappedFields={['reason']} />
      <TextArea label={t('sla.pause.reason')} rows={3} error={fieldError(form.formState.errors.reason)} {...form.register('reason')} />
    </FormDialog>
  );
}

export function ClockList({ clocks, basePath, canManage, onChanged }: ClockListProps) {
  const { t } = useTranslation();
  const action = useClockAction(basePath, onChanged);
  const [pausing, setPausing] = useState<SlaClock | null>(null);

  const columns: Column<SlaClock>[] = [
    { key: 'target', header: t('sla.clocks.target'), cell: (c) => t(`sla.target.${c.target}`) },
    { key: 'mode', header: t('sla.clocks.mode'), cell: (c) => t(c.mode === 'business' ? 'sla.mode.business' : 'sla.mode.always') },
    {
      key: 'due',
      header: t('sla.clocks.due'),
      cell: (c) => (c.status === 'met' ? null : <DueBadge dueAt={c.dueAt} breached={c.status === 'breached'} />),
      className: 'nowrap',
    },
    {
      key: 'status',
      header: t('sla.clocks.status'),
      cell: (c) => <Badge tone={statusTone[c.status]}>{t(`sla.status.${c.status}`)}</Badge>,
    },
    { key: 'reason', header: t('sla.clocks.pauseReason'), cell: (c) => (c.status === 'paused' ? c.pauseReason : null) },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      header: t('common.actions'),
      className: 'actions',
      cell: (c) => {
        const target = t(`sla.target.${c.target}`);
        if (c.status === 'running') {
          return (
            <Button size="sm" onClick={() => setPausing(c)}>
              {t('sla.clocks.pause')}
              <span className="visually-hidden"> {target}</span>
            </Button>
          );
        }
        if (c.status === 'paused') {
          return (
            <Button size="sm" busy={action.isPending} onClick={() => action.mutate({ target: c.target, action: 'resume' })}>
              {t('sla.clocks.resume')}
              <span className="visually-hidden"> {target}</span>
            </Button>
          );
        }
        return null;
      },
    });
  }

  return (
    <>
      {pausing ? null : <ErrorBanner error={action.error} />}
      <Table caption={t('sla.clocks.caption')} columns={columns} rows={clocks} rowKey={(c) => c.id} empty={t('sla.clocks.empty')} />
      {pausing ? (
        <PauseDialog
          clock={pausing}
          busy={action.isPending}
          error={action.error}
          onClose={() => {
            action.reset();
            setPausing(null);
          }}
          onPause={async (reason) => {
            await action.mutateAsync({ target: pausing.target, action: 'pause', reason });
            setPausing(null);
          }}
        />
      ) : null}
    </>
  );
}
