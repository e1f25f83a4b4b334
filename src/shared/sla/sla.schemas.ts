// API contract of SLA clocks and the service-level targets per priority.
import { z } from 'zod';

export const SlaTarget = z.enum(['acknowledge', 'triage', 'first-action']);
export type SlaTarget = z.infer<typeof SlaTarget>;

export const SlaClock = z.object({
  id: z.uuid(),
  target: SlaTarget,
  mode: z.enum(['business', '24/7']),
  durationMs: z.number().int(),
  startedAt: z.string(),
  dueAt: z.string().nullable(),
  status: z.enum(['running', 'paused', 'met', 'breached']),
  pausedAt: z.string().nullable(),
  pauseReason: z.string().nullable(),
  metAt: z.string().nullable(),
  breachedAt: z.string().nullable(),
});
export type SlaClock = z.infer<typeof SlaClock>;

export const ClockPause = z.object({ reason: z.string().trim().min(3, { message: 'Say why (at least 3 characters)' }).max(500) }).strict();
export const ClockParams = z.object({ id: z.uuid(), target: SlaTarget }).strict();

const HOUR = 3_600_000;
/**
 * Default targets. Non-urgent reports are acknowledged within 2 business hours and triaged within 4;
 * urgent reports within 30 and 60 minutes, around the clock. Incidents by priority: P1 runs 24/7.
 */
export const DEFAULT_SLA_TARGETS = {
  report: {
    normal: { mode: 'business', acknowledge: 2 * HOUR, triage: 4 * HOUR },
    urgent: { mode: '24/7', acknowledge: 0.5 * HOUR, triage: 1 * HOUR },
  },
  incident: {
    P1: { mode: '24/7', 'first-action': 1 * HOUR },
    P2: { mode: 'business', 'first-action': 4 * HOUR },
    P3: { mode: 'business', 'first-action': 2 * 8 * HOUR },
    P4: { mode: 'business', 'first-action': 5 * 8 * HOUR },
  },
} as const;
