// For tests: seal what was recorded, then verify, with the keys buildApp attached to the test database.
import type { Db } from '#server/db/client';
import type { AuditVerification } from '#shared/audit/audit.schemas';
import { sealAuditTrail, verifyAuditChain } from './audit.service';
import { auditTrailOf, type AuditTrail } from './audit.trail';

export function attachedTrail(db: Db): AuditTrail {
  const trail = auditTrailOf(db);
  if (!trail) throw new Error('no audit trail attached to this database (build the app first)');
  return trail;
}

/** Seals every committed event, as the sealer job does. */
export async function sealAll(db: Db): Promise<number> {
  return sealAuditTrail(db, attachedTrail(db));
}

/** Seals every committed event, then verifies the whole chain. */
export async function sealAndVerify(db: Db): Promise<AuditVerification> {
  await sealAll(db);
  return verifyAuditChain(db, attachedTrail(db));
}
