import { expandRota, occurrenceOn, type RotaSlotSpec } from './rota';

const zone = 'Europe/Paris';
const rota = { id: 'r', startsOn: '2026-03-01', endsOn: null };
const night: RotaSlotSpec = {
  id: 'n',
  rotaId: 'r',
  weekdays: [1, 2, 3, 4, 5, 6, 7],
  startTime: '22:00',
  endTime: '06:00',
  userId: 'u1',
  role: 'primary',
};
const hours = (o: { startsAt: Date; endsAt: Date } | null) => (o ? (o.endsAt.getTime() - o.startsAt.getTime()) / 3_600_000 : null);

describe('rota occurrences', () => {
  it('keeps wall-clock times across DST: a night lasts 7 h in March and 9 h in October', () => {
    expect(hours(occurrenceOn(night, '2026-03-28', zone))).toBe(7);
    expect(hours(occurrenceOn(night, '2026-10-24', zone))).toBe(9);
    expect(hours(occurrenceOn(night, '2026-06-10', zone))).toBe(8);
    const day = { ...night, startTime: '09:00', endTime: '17:00' };
    expect(occurrenceOn(day, '2026-03-27', zone)?.startsAt.toISOString()).toBe('2026-03-27T08:00:00.000Z');
    expect(occurrenceOn(day, '2026-03-30', zone)?.startsAt.toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('expands only the chosen weekdays within the validity, applies replacements and drops cancellations', () => {
    const weekday: RotaSlotSpec = { ...night, id: 'd', weekdays: [1, 3], startTime: '09:00', endTime: '17:00' };
    const out = expandRota(
      [{ ...rota, endsOn: '2026-03-11' }],
      [weekday],
      [
        { slotId: 'd', onDate: '2026-03-04', userId: 'u2' },
        { slotId: 'd', onDate: '2026-03-09', userId: null },
      ],
      zone,
      new Date('2026-03-01T00:00:00Z'),
      new Date('2026-03-31T00:00:00Z'),
    );
    expect(out.map((o) => [o.date, o.userId, o.replaced])).toEqual([
      ['2026-03-02', 'u1', false],
      ['2026-03-04', 'u2', true],
      ['2026-03-11', 'u1', false],
    ]);
  });

  it('includes the night that started the day before the window', () => {
    const out = expandRota([rota], [night], [], zone, new Date('2026-06-10T02:00:00Z'), new Date('2026-06-10T03:00:00Z'));
    expect(out.map((o) => o.date)).toEqual(['2026-06-09']);
  });
});
