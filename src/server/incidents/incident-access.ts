// Whether an actor may see one incident, for features that cannot import incidents.service without an
// import cycle (reports' attachment downloads): the same rule as every incident read, canSeeItem on its row.
import type { Actor } from '../ctx';
import type { Db } from '../db/client';
import { canSeeItem } from '../policy/visibility';
import { unsafeFindIncident } from './incidents.repo';

export async function canSeeIncident(db: Db, actor: Actor, incidentId: string): Promise<boolean> {
  const row = await unsafeFindIncident(db, incidentId);
  return row !== null && canSeeItem(actor, row);
}
