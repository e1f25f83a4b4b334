// Every SQL statement of the home page's own settings (the single home_settings row).
import { eq } from 'drizzle-orm';
import type { Db } from '#server/db/client';
import { homeSettings, type HomeSettingsRow } from './home.table';

export async function findSettings(db: Db): Promise<HomeSettingsRow | null> {
  const [row] = await db.select().from(homeSettings).where(eq(homeSettings.id, true));
  return row ?? null;
}

/** Hides (with who and when) or shows the checklist for the whole team; returns the row before the change. */
export async function setChecklistHidden(
  db: Db,
  hidden: { at: Date; by: string | null } | null,
  now: Date,
): Promise<HomeSettingsRow | null> {
  const before = await findSettings(db);
  const values = { checklistHiddenAt: hidden?.at ?? null, checklistHiddenBy: hidden?.by ?? null, updatedAt: now };
  await db
    .insert(homeSettings)
    .values({ id: true, ...values })
    .onConflictDoUpdate({ target: homeSettings.id, set: values });
  return before;
}
