// Helpers of the reports API tests: multipart bodies, a settable clock, organisations with assets, constituent sessions.
import { randomBytes } from 'node:crypto';
import type { Clock } from '#server/ctx';
import { createUser } from '#server/users/users.service';
import type { TestApp, Session } from '#tests/helpers/test-app';

export type Part = { name: string; value: string; type?: string } | { name: string; filename: string; content: Buffer; type?: string };

/** A multipart/form-data body for app.inject, parts in the order given. */
export function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----tocsin${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = 'filename' in p ? `form-data; name="${p.name}"; filename="${p.filename}"` : `form-data; name="${p.name}"`;
    const type = p.type ?? ('filename' in p ? 'application/octet-stream' : undefined);
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n`));
    chunks.push('filename' in p ? p.content : Buffer.from(p.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export function publicReport(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Phishing page imitating our webmail',
    description: 'Received a mail asking to log in.',
    reporter: { name: 'Marie Hoarau', email: 'marie.hoarau@example.net', organisation: 'Citizen', phone: '+262 692 00 00 00' },
    ...overrides,
  };
}

export interface SettableClock extends Clock {
  set(iso: string): void;
}

export function settableClock(iso = '2026-06-01T08:00:00Z'): SettableClock {
  let current = new Date(iso);
  return {
    now: () => new Date(current.getTime()),
    set(next: string) {
      current = new Date(next);
    },
  };
}

export async function createOrg(
  t: TestApp,
  s: Session,
  name: string,
  assets: [kind: string, value: string][] = [],
): Promise<{ id: string; name: string }> {
  const res = await t.app.inject({ method: 'POST', url: '/api/organisations', headers: s.headers, payload: { name, kind: 'constituent' } });
  if (res.statusCode !== 201) throw new Error(`organisation: ${res.statusCode} ${res.body}`);
  const org = res.json<{ id: string; name: string }>();
  for (const [kind, value] of assets) {
    const a = await t.app.inject({
      method: 'POST',
      url: `/api/organisations/${org.id}/assets`,
      headers: s.headers,
      payload: { kind, value },
    });
    if (a.statusCode !== 201) throw new Error(`asset: ${a.statusCode} ${a.body}`);
  }
  return org;
}

let seq = 0;
export async function constituentOf(t: TestApp, organisationId: string): Promise<Session & { id: string; email: string }> {
  const email = `constituent-${++seq}-${organisationId.slice(0, 6)}@example.org`;
  const created = await createUser(t.systemCtx(), {
    email,
    name: `Constituent ${seq}`,
    role: 'constituent',
    organisationId,
    password: 'constituent password',
  });
  return { ...(await t.login(email, 'constituent password')), id: created.user.id, email };
}
