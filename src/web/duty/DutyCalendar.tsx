// The coming weeks of the duty rota, day by day in the team's time zone: one-off shifts and rota
// occurrences together, replacements and occurrences set aside by a one-off shift marked in words.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DutyCalendar as Calendar, DutyEntry } from '#shared/duty/duty.schemas';
import { Badge } from '#web/ui/Badge';
import { Button } from '#web/ui/Button';
import { RotaExceptionDialog } from './RotaExceptionDialog';

export function DutyCalendar({ calendar, canManage }: { calendar: Calendar; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const [changing, setChanging] = useState<{ entry: DutyEntry; when: string } | null>(null);
  const day = new Intl.DateTimeFormat(i18n.language, { timeZone: calendar.zone, weekday: 'long', day: 'numeric', month: 'long' });
  const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone: calendar.zone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const time = new Intl.DateTimeFormat(i18n.language, { timeZone: calendar.zone, hour: '2-digit', minute: '2-digit' });
  const days = new Map<string, DutyEntry[]>();
  for (const e of calendar.entries) {
    const key = dayKey.format(new Date(e.startsAt));
    days.set(key, [...(days.get(key) ?? []), e]);
  }

  if (days.size === 0) return <p className="muted">{t('duty.calendar.empty')}</p>;
  return (
    <>
      {[...days].map(([key, entries]) => (
        <section key={key} className="calendar-day" aria-label={day.format(new Date(entries[0]?.startsAt ?? key))}>
          <h3>{day.format(new Date(entries[0]?.startsAt ?? key))}</h3>
          <ul className="home-list">
            {entries.map((e) => {
              const when = `${time.format(new Date(e.startsAt))}–${time.format(new Date(e.endsAt))}`;
              return (
                <li key={`${e.kind}-${e.id}-${e.startsAt}`} className={e.overridden ? 'calendar-entry is-overridden' : 'calendar-entry'}>
                  <span>
                    <time dateTime={e.startsAt}>{when}</time> <strong>{e.userName}</strong>{' '}
                    <Badge tone={e.role === 'primary' ? 'info' : 'neutral'}>{t(`duty.role.${e.role}`)}</Badge>{' '}
                    <span className="muted">{e.kind === 'rota' ? e.rotaName : t('duty.calendar.oneOff')}</span>{' '}
                    {e.replaced ? <Badge tone="warning">{t('duty.calendar.replaced')}</Badge> : null}
                    {e.overridden ? <Badge tone="neutral">{t('duty.calendar.overridden')}</Badge> : null}
                  </span>
                  {canManage && e.kind === 'rota' && !e.replaced ? (
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => setChanging({ entry: e, when: `${day.format(new Date(e.startsAt))} ${when}` })}
                    >
                      {t('duty.rotas.change')}
                      <span className="visually-hidden">
                        {' '}
                        {t('duty.rotas.occurrence', { name: e.userName, when: `${day.format(new Date(e.startsAt))} ${when}` })}
                      </span>
                    </Button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      {changing ? <RotaExceptionDialog entry={changing.entry} when={changing.when} onClose={() => setChanging(null)} /> : null}
    </>
  );
}
