// /duty: who is on duty now (and how they were found when no shift covers now), the backup, the coming
// four weeks (one-off shifts and repeating rotas together), the rotas, the changed rota occurrences and the
// one-off shifts of the next 14 days; duty:manage adds and removes shifts, adds, edits and removes rotas, and
// changes one rota occurrence or undoes that change.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DutyCalendar as Calendar, DutyPerson, DutyRota, DutyRotaException, DutyShift } from '#shared/duty/duty.schemas';
import { hasPermission, useSignedInSession } from '#web/auth/auth.queries';
import { Badge } from '#web/ui/Badge';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFormatDateTime } from '#web/ui/format';
import { Loading, PageHeader } from '#web/ui/Page';
import { Table, type Column } from '#web/ui/Table';
import { useDuty, useDutyCalendar, useRemoveRota, useRemoveRotaException, useRemoveShift } from './duty.queries';
import { DutyCalendar } from './DutyCalendar';
import { RotaDialog } from './RotaDialog';
import { ShiftDialog } from './ShiftDialog';

function Person({ person }: { person: DutyPerson | null }) {
  const { t } = useTranslation();
  if (!person) return <span className="muted">{t('duty.now.nobody')}</span>;
  return (
    <span className="duty-person">
      <strong>{person.name}</strong> <span className="muted">{person.email}</span>
    </span>
  );
}

export function DutyPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const canManage = hasPermission(session, 'duty:manage');
  const duty = useDuty();
  const remove = useRemoveShift();
  const formatDateTime = useFormatDateTime();
  const [adding, setAdding] = useState(false);
  const [addingRota, setAddingRota] = useState(false);
  const calendar = useDutyCalendar(4);
  const removeRota = useRemoveRota();
  const [editingRota, setEditingRota] = useState<DutyRota | null>(null);

  const rotaColumns: Column<DutyRota>[] = [
    { key: 'name', header: t('duty.rotas.name'), cell: (r) => r.name },
    {
      key: 'validity',
      header: t('duty.rotas.startsOn'),
      cell: (r) =>
        r.endsOn ? t('duty.rotas.validityUntil', { from: r.startsOn, until: r.endsOn }) : t('duty.rotas.validity', { from: r.startsOn }),
      className: 'nowrap',
    },
    {
      key: 'slots',
      header: t('duty.rotas.slots'),
      cell: (r) => (
        <ul className="plain-list">
          {r.slots.map((s) => (
            <li key={s.id}>
              {s.weekdays.map((d) => t(`duty.weekday.${d}` as 'duty.weekday.1')).join(' ')} {s.startTime}–{s.endTime} · {s.userName} (
              {t(`duty.role.${s.role}`)})
            </li>
          ))}
        </ul>
      ),
    },
  ];
  if (canManage) {
    rotaColumns.push({
      key: 'actions',
      header: t('common.actions'),
      className: 'actions',
      cell: (r) => (
        <>
          <Button size="sm" variant="ghost" onClick={() => setEditingRota(r)}>
            {t('duty.rotas.edit')}
            <span className="visually-hidden"> {r.name}</span>
          </Button>
          <Button
            size="sm"
            variant="ghost"
            busy={removeRota.isPending && removeRota.variables === r.id}
            onClick={() => removeRota.mutate(r.id)}
          >
            {t('duty.rotas.remove')}
            <span className="visually-hidden"> {r.name}</span>
          </Button>
        </>
      ),
    });
  }

  const columns: Column<DutyShift>[] = [
    { key: 'who', header: t('duty.fields.person'), cell: (s) => s.userName },
    {
      key: 'role',
      header: t('duty.fields.role'),
      cell: (s) => <Badge tone={s.role === 'primary' ? 'info' : 'neutral'}>{t(`duty.role.${s.role}`)}</Badge>,
    },
    {
      key: 'starts',
      header: t('duty.fields.startsAt'),
      cell: (s) => <time dateTime={s.startsAt}>{formatDateTime(s.startsAt)}</time>,
      className: 'nowrap',
    },
    {
      key: 'ends',
      header: t('duty.fields.endsAt'),
      cell: (s) => <time dateTime={s.endsAt}>{formatDateTime(s.endsAt)}</time>,
      className: 'nowrap',
    },
    { key: 'note', header: t('duty.fields.note'), cell: (s) => s.note ?? '' },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      header: t('common.actions'),
      className: 'actions',
      cell: (s) => (
        <Button size="sm" variant="ghost" busy={remove.isPending && remove.variables === s.id} onClick={() => remove.mutate(s.id)}>
          {t('duty.shifts.remove')}
          <span className="visually-hidden"> {t('duty.shifts.of', { name: s.userName, when: formatDateTime(s.startsAt) })}</span>
        </Button>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('duty.page.title')}
        actions={
          canManage ? (
            <>
              <Button onClick={() => setAddingRota(true)}>{t('duty.rotas.add')}</Button>
              <Button variant="primary" onClick={() => setAdding(true)}>
                {t('duty.add.title')}
              </Button>
            </>
          ) : null
        }
      />
      <ErrorBanner error={duty.error} />
      {duty.isPending ? (
        <Loading />
      ) : duty.data ? (
        <>
          <section className="panel duty-now" aria-labelledby="duty-now">
            <h2 id="duty-now">{t('duty.now.title')}</h2>
            <dl className="details">
              <dt>{t('duty.now.officer')}</dt>
              <dd>
                <Person person={duty.data.onDuty} />
                {duty.data.source && duty.data.source !== 'shift' ? (
                  <p className="notice notice-warning duty-source">{t(`duty.source.${duty.data.source}`)}</p>
                ) : null}
              </dd>
              <dt>{t('duty.now.backup')}</dt>
              <dd>
                <Person person={duty.data.backup} />
              </dd>
            </dl>
          </section>
          <section className="record-section" aria-labelledby="duty-calendar">
            <h2 id="duty-calendar">{t('duty.calendar.title')}</h2>
            <ErrorBanner error={calendar.error} />
            {calendar.data ? <DutyCalendar calendar={calendar.data} canManage={canManage} /> : <Loading />}
          </section>
          <section className="record-section" aria-labelledby="duty-rotas">
            <h2 id="duty-rotas">{t('duty.rotas.title')}</h2>
            <ErrorBanner error={removeRota.error} />
            <Table
              caption={t('duty.rotas.title')}
              columns={rotaColumns}
              rows={calendar.data?.rotas ?? []}
              rowKey={(r) => r.id}
              empty={t('duty.rotas.empty')}
            />
          </section>
          {calendar.data && calendar.data.exceptions.length > 0 ? <RotaExceptions calendar={calendar.data} canManage={canManage} /> : null}
          <section className="record-section" aria-labelledby="duty-shifts">
            <h2 id="duty-shifts">{t('duty.shifts.title')}</h2>
            <ErrorBanner error={remove.error} />
            <Table
              caption={t('duty.shifts.title')}
              columns={columns}
              rows={duty.data.shifts}
              rowKey={(s) => s.id}
              empty={t('duty.shifts.empty')}
            />
          </section>
        </>
      ) : null}
      {adding ? <ShiftDialog onClose={() => setAdding(false)} /> : null}
      {addingRota && calendar.data ? <RotaDialog zone={calendar.data.zone} onClose={() => setAddingRota(false)} /> : null}
      {editingRota && calendar.data ? (
        <RotaDialog zone={calendar.data.zone} rota={editingRota} onClose={() => setEditingRota(null)} />
      ) : null}
    </>
  );
}

/** The changed occurrences of the coming weeks: who takes each, or that it is cancelled; duty:manage may undo one. */
function RotaExceptions({ calendar, canManage }: { calendar: Calendar; canManage: boolean }) {
  const { t } = useTranslation();
  const remove = useRemoveRotaException();
  const slots = new Map(calendar.rotas.flatMap((r) => r.slots.map((s) => [s.id, { rota: r, slot: s }] as const)));
  const describe = (e: DutyRotaException) => {
    const found = slots.get(e.slotId);
    return found ? `${found.rota.name}, ${e.date} ${found.slot.startTime}–${found.slot.endTime}` : e.date;
  };
  const columns: Column<DutyRotaException>[] = [
    { key: 'date', header: t('duty.exceptions.occurrence'), cell: describe, className: 'nowrap' },
    {
      key: 'change',
      header: t('duty.exceptions.change'),
      cell: (e) =>
        e.userName ? t('duty.exceptions.replacedBy', { name: e.userName }) : <Badge tone="warning">{t('duty.exceptions.cancelled')}</Badge>,
    },
    { key: 'note', header: t('duty.fields.note'), cell: (e) => e.note ?? '' },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      header: t('common.actions'),
      className: 'actions',
      cell: (e) => {
        const rotaId = slots.get(e.slotId)?.rota.id;
        return rotaId ? (
          <Button
            size="sm"
            variant="ghost"
            busy={remove.isPending && remove.variables.id === e.id}
            onClick={() => remove.mutate({ rotaId, id: e.id })}
          >
            {t('duty.exceptions.undo')}
            <span className="visually-hidden"> {describe(e)}</span>
          </Button>
        ) : null;
      },
    });
  }
  return (
    <section className="record-section" aria-labelledby="duty-exceptions">
      <h2 id="duty-exceptions">{t('duty.exceptions.title')}</h2>
      <ErrorBanner error={remove.error} />
      <Table caption={t('duty.exceptions.title')} columns={columns} rows={calendar.exceptions} rowKey={(e) => e.id} empty="" />
    </section>
  );
}
