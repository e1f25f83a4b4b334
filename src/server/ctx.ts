// The context every use case receives, built once per request, job or CLI call: who acts, on what, when.
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Db } from '#server/db/client';
import type { Role } from '#shared/permissions';

export type Actor =
  | {
      kind: 'user';
      id: string;
      email: string;
      name: string;
      role: Role;
      organisationId: string | null;
      via: 'session' | 'token';
      tokenId?: string;
      sessionId?: string;
    }
  | { kind: 'system'; label: string }
  | { kind: 'anonymous' };

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface EnqueueOptions {
  runAt?: Date;
  singletonKey?: string;
  maxAttempts?: number;
}

/** The durable job queue as use cases see it (implemented by jobs/queue.ts): pass the transaction as `tx` so
 * that the job exists only if that transaction commits. */
export interface Jobs {
  enqueue(name: string, payload: unknown, opts?: EnqueueOptions, tx?: Db): Promise<string | null>;
}

export interface Ctx {
  db: Db;
  actor: Actor;
  jobs: Jobs;
  clock: Clock;
  log: Logger;
  /** Where the action came from, for the audit trail. */
  origin: { requestId?: string; ip?: string };
}

export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return actor.via === 'token' ? `${actor.email} (API token)` : actor.email;
    case 'system':
      return actor.label;
    case 'anonymous':
      return 'anonymous';
  }
}

export function actorId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.id : null;
}
