// How close an SLA deadline is: breached, due soon (within the warning window) or on time.
import { useEffect, useState } from 'react';

export type DueState = 'breached' | 'due-soon' | 'on-time';

/** Warn this long before a deadline. */
export const DUE_SOON_MS = 60 * 60 * 1000;

export function dueState(dueAt: string | null, breached: boolean, now: number, soonMs = DUE_SOON_MS): DueState | null {
  if (breached) return 'breached';
  if (!dueAt) return null;
  const due = new Date(dueAt).getTime();
  if (Number.isNaN(due)) return null;
  if (due <= now) return 'breached';
  return due - now <= soonMs ? 'due-soon' : 'on-time';
}

/** The current time, refreshed every `intervalMs`, so that deadline badges age while a page stays open. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
