// datetime-local ↔ ISO: the offset is the browser's at that date, and the round trip keeps the instant.
import { isoToLocalInput, localInputToOffsetIso } from './datetime';

describe('localInputToOffsetIso', () => {
  it('keeps the wall-clock time and adds the local offset, naming the same instant', () => {
    const iso = localInputToOffsetIso('2026-03-01T10:30');
    expect(iso).toMatch(/^2026-03-01T10:30:00[+-]\d{2}:\d{2}$/);
    expect(new Date(iso ?? '').getTime()).toBe(new Date('2026-03-01T10:30').getTime());
  });

  it('refuses empty and malformed input', () => {
    expect(localInputToOffsetIso('')).toBeUndefined();
    expect(localInputToOffsetIso('yesterday')).toBeUndefined();
    expect(localInputToOffsetIso('2026-13-45T99:99')).toBeUndefined();
  });

  it('round-trips through isoToLocalInput', () => {
    expect(isoToLocalInput(localInputToOffsetIso('2026-07-14T23:05'))).toBe('2026-07-14T23:05');
    expect(isoToLocalInput(null)).toBe('');
  });
});
