// The team's operating-hours engine on the server (the engine itself is pure: src/shared/hours/), built from the
// team's saved hours and kept while they do not change. SLA clocks, duty cover and triage count time with it.
import type { Db } from '#server/db/client';
import { teamHours } from '#server/team/team.service';
import { loadHolidayLibrary } from '#shared/hours/holidays';
import { createHoursEngine, type HoursEngine } from '#shared/hours/hours';

// Why memoised: building an engine (holiday calendars, zone rules) costs milliseconds, and every report
// intake needs one; the team's hours change rarely, so the engine is rebuilt only when they do.
let memo: { key: string; engine: HoursEngine } | null = null;

export async function hoursEngine(db: Db): Promise<HoursEngine> {
  const hours = await teamHours(db);
  const key = JSON.stringify(hours);
  if (memo?.key !== key) {
    await loadHolidayLibrary();
    memo = { key, engine: createHoursEngine(hours) };
  }
  return memo.engine;
}
