// The keyed hash of one sealed audit event: HMAC-SHA-256, keyed by a key derived from the instance secret, over
// its predecessor's hash, its chain position and a canonical form of its content. Without the secret, someone
// who can write the database cannot compute a hash that verifies: recomputing the chain is detected too.
import { createHmac } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so that jsonb's own key order never changes a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export interface ChainedContent {
  seq: number;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: Record<string, unknown>;
  requestId: string | null;
  ip: string | null;
}

export function eventHash(key: Buffer, prevHash: string, position: number, e: ChainedContent): string {
  const content = canonicalJson({
    seq: e.seq,
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    summary: e.summary,
    requestId: e.requestId,
    ip: e.ip,
  });
  return createHmac('sha256', key).update(`tocsin-audit-v2\n${prevHash}\n${position}\n`).update(content).digest('hex');
}
