// Deadline states: a breach flag wins, a passed deadline is breached, the last hour is "due soon".
import { dueState } from './sla.format';

const now = Date.parse('2026-03-02T10:00:00Z');

describe('dueState', () => {
  it('says breached when the server says so or the deadline has passed', () => {
    expect(dueState('2026-03-02T12:00:00Z', true, now)).toBe('breached');
    expect(dueState('2026-03-02T09:59:00Z', false, now)).toBe('breached');
  });

  it('says due soon within the last hour, on time before', () => {
    expect(dueState('2026-03-02T10:45:00Z', false, now)).toBe('due-soon');
    expect(dueState('2026-03-02T11:30:00Z', false, now)).toBe('on-time');
  });

  it('has nothing to say without a deadline', () => {
    expect(dueState(null, false, now)).toBeNull();
    expect(dueState('not a date', false, now)).toBeNull();
  });
});
