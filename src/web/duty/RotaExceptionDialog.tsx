// "Change this occurrence" of a rota slot: someone else takes it, or it is cancelled (nobody from this rota;
// a one-off shift or the documented fallback then decides who is paged).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DutyEntry } from '#shared/duty/duty.schemas';
import { useOwnerOptions } from '#web/users/owners';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { FormDialog } from '#web/ui/FormDialog';
import { Select } from '#web/ui/Select';
import { useAddRotaException } from './duty.queries';

const CANCELLED = '';

export function RotaExceptionDialog({ entry, when, onClose }: { entry: DutyEntry; when: string; onClose: () => void }) {
  const { t } = useTranslation();
  const add = useAddRotaException();
  const people = useOwnerOptions({ id: entry.userId, name: entry.userName }).filter((o) => o.value !== '');
  const [userId, setUserId] = useState(people.find((p) => p.value !== entry.userId)?.value ?? CANCELLED);

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!entry.rotaId || !entry.date) return;
    try {
      await add.mutateAsync({
        rotaId: entry.rotaId,
        body: { slotId: entry.id, date: entry.date, userId: userId === CANCELLED ? null : userId },
      });
      onClose();
    } catch {
      // Shown by the error banner.
    }
  };

  return (
    <FormDialog
      title={t('duty.rotas.changeTitle')}
      onClose={onClose}
      onSubmit={onSubmit}
      submitLabel={t('duty.rotas.changeSubmit')}
      busy={add.isPending}
    >
      <ErrorBanner error={add.error} />
      <p>{t('duty.rotas.occurrence', { name: entry.userName, when })}</p>
      <Select
        label={t('duty.rotas.replaceBy')}
        options={[...people.filter((p) => p.value !== entry.userId), { value: CANCELLED, label: t('duty.rotas.cancelled') }]}
        value={userId}
        onChange={(e) => setUserId(e.target.value)}
      />
    </FormDialog>
  );
}
