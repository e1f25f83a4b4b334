// `tocsin audit verify` against a trail tampered with directly in the database (or its checkpoint file): each
// kind of tampering is found, named by event, with exit code 1. Runs the CLI's command function on the test
// database (cli.api.test.ts runs the real process).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { testApp, type TestApp } from '#tests/helpers/test-app';
import { queryRows } from '#server/db/client';
import { deriveSecrets } from '#server/instance-secret';
import { runDbCommand } from '#server/cli-commands';
import { checkpointHead, recordAudit, sealAuditTrail } from './audit.service';
import { attachAuditTrail, auditTrailFrom, type AuditTrail } from './audit.trail';
import { eventHash, GENESIS_HASH } from './audit.chain';
import type { AuditEventRow } from './audit.table';

const SECRET = 'test-instance-secret-of-32-characters!';

let t: TestApp;
let trail: AuditTrail;
let dir: string;

beforeEach(async () => {
  t = await testApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tocsin-audit-'));
  trail = auditTrailFrom(deriveSecrets(SECRET), path.join(dir, 'audit-checkpoints.jsonl'));
  attachAuditTrail(t.db.db, trail);
  // Ten events sealed in batches of four: several checkpoints, the last at position 10.
  for (let i = 1; i <= 10; i++) await recordAudit(t.db.db, t.systemCtx(), { action: `test.event-${i}`, entity: ['test', String(i)] });
  await sealAuditTrail(t.db.db, trail, { batchSize: 4 });
});
afterEach(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function verify(json = false) {
  let out = '';
  const code = await runDbCommand(
    { name: 'audit verify', json },
    { database: t.db, ctx: t.systemCtx(), output: { out: (s) => (out += s), err: (s) => (out += s) } },
  );
  return { code, out };
}

const exec = (q: ReturnType<typeof sql>) => t.db.db.execute(q);
async function chain(): Promise<AuditEventRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    t.db.db,
    sql`select * from audit_events where position is not null order by position`,
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: new Date(r.at as string),
    actorId: (r.actor_id as string | null) ?? null,
    actorLabel: r.actor_label as string,
    action: r.action as string,
    entityType: r.entity_type as string,
    entityId: (r.entity_id as string | null) ?? null,
    summary: (typeof r.summary === 'string' ? JSON.parse(r.summary) : r.summary) as Record<string, unknown>,
    requestId: (r.request_id as string | null) ?? null,
    ip: (r.ip as string | null) ?? null,
    position: Number(r.position),
    prevHash: r.prev_hash as string,
    hash: r.hash as string,
  }));
}
const at = async (position: number) => {
  const row = (await chain()).find((r) => r.position === position);
  if (!row) throw new Error(`no event at position ${position}`);
  return row;
};

describe('tocsin audit verify', () => {
  it('passes on an intact, sealed trail, with its checkpoints', async () => {
    const r = await verify();
    expect(r.code).toBe(0);
    expect(r.out).toContain('Audit trail intact: 10 event(s) verified. 3 signed checkpoint(s) matched.');
    expect(fs.readFileSync(path.join(dir, 'audit-checkpoints.jsonl'), 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('names an edited event', async () => {
    const victim = await at(4);
    await exec(sql`update audit_events set summary = '{"role":"admin"}' where seq = ${victim.seq}`);
    const r = await verify();
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      `Audit trail BROKEN at event ${victim.seq}: event ${victim.seq} (test.event-4, chain position 4) does not match its keyed hash`,
    );
  });

  it('names the place of a deleted event', async () => {
    const [before, gone, after] = [await at(4), await at(5), await at(6)];
    await exec(sql`delete from audit_events where seq = ${gone.seq}`);
    const r = await verify();
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      `the event at chain position 5 (after event ${before.seq}, before event ${after.seq}) is missing: it was deleted`,
    );
  });

  it('names a reordered pair', async () => {
    const [second, third] = [await at(2), await at(3)];
    await exec(sql`update audit_events set position = -1 where seq = ${second.seq}`);
    await exec(sql`update audit_events set position = 2 where seq = ${third.seq}`);
    await exec(sql`update audit_events set position = 3 where seq = ${second.seq}`);
    const r = await verify();
    expect(r.code).toBe(1);
    expect(r.out).toContain(`event ${third.seq} (test.event-3, chain position 2) does not follow event`);
    expect(r.out).toContain('reordered');
  });

  it('names an inserted event, even one linked to its predecessor with a plain hash', async () => {
    const prev = await at(6);
    await exec(sql`update audit_events set position = position + 1000 where position > 6`);
    await exec(sql`update audit_events set position = position - 999 where position > 1000`);
    const forged = createHash('sha256').update(`${prev.hash}forged`).digest('hex');
    await exec(
      sql`insert into audit_events (seq, at, actor_label, action, entity_type, summary, position, prev_hash, hash)
          values (900000, now(), 'admin@example.org', 'user.delete', 'user', '{}', 7, ${prev.hash}, ${forged})`,
    );
    const r = await verify();
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      'Audit trail BROKEN at event 900000: event 900000 (user.delete, chain position 7) does not match its keyed hash',
    );
  });

  it('finds a truncated tail even when the head was set back to match it', async () => {
    const kept = await at(7);
    await exec(sql`delete from audit_events where position > 7`);
    await exec(sql`update audit_head set last_seq = 7, last_hash = ${kept.hash} where id = 1`);
    const r = await verify();
    expect(r.code).toBe(1);
    expect(r.out).toContain(`Audit trail BROKEN at event ${kept.seq}`);
    expect(r.out).toMatch(
      /records the chain at position 10, but it ends at position 7 .*: its tail was truncated \(3 sealed event\(s\) deleted\)/,
    );
    // Without the head set back, the head alone tells.
    await exec(sql`update audit_head set last_seq = 10 where id = 1`);
    expect((await verify()).out).toContain('the events sealed after it were deleted');
  });

  it('finds a rewritten head', async () => {
    const last = await at(10);
    await exec(sql`update audit_head set last_hash = ${'f'.repeat(64)} where id = 1`);
    const r = await verify();
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      `Audit trail BROKEN at event ${last.seq}: the chain's head (position 10) does not match its last event (event ${last.seq}): the head was rewritten`,
    );
  });

  it('finds a chain recomputed by someone without the instance secret', async () => {
    const victim = await at(3);
    await exec(sql`update audit_events set actor_label = 'someone else' where seq = ${victim.seq}`);
    // The forger recomputes every link, head included, with a key of their own.
    const guess = Buffer.from('a key guessed without the instance secret');
    let prev = GENESIS_HASH;
    for (const row of await chain()) {
      const hash = eventHash(guess, prev, row.position ?? 0, row);
      await exec(sql`update audit_events set prev_hash = ${prev}, hash = ${hash} where seq = ${row.seq}`);
      prev = hash;
    }
    await exec(sql`update audit_head set last_hash = ${prev} where id = 1`);
    const first = await at(1);
    const r = await verify(true);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.out) as { ok: boolean; firstBroken: { seq: number; position: number; reason: string } };
    expect(result).toMatchObject({ ok: false, firstBroken: { seq: first.seq, position: 1 } });
    expect(result.firstBroken.reason).toContain('recomputed without the instance secret');
  });

  it('finds an altered checkpoint file', async () => {
    const file = path.join(dir, 'audit-checkpoints.jsonl');
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    lines[1] = (lines[1] ?? '').replace(/"position":8/, '"position":5');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const r = await verify();
    expect(r.code).toBe(1);
    expect(r.out).toContain('line 2 of the checkpoint file');
  });

  it('writes at most one checkpoint per period when asked, and the periodic job checkpoints the head left out', async () => {
    const file = path.join(dir, 'throttled.jsonl');
    const throttled = auditTrailFrom(deriveSecrets(SECRET), file, { checkpointEveryMs: 60_000 });
    for (let i = 1; i <= 9; i++) await recordAudit(t.db.db, t.systemCtx(), { action: 'test.more', entity: ['test', String(i)] });
    const clock = { now: () => new Date('2026-03-01T10:00:00Z') };
    await sealAuditTrail(t.db.db, throttled, { batchSize: 4, clock });
    const positions = () =>
      fs
        .readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { position: number }).position);
    expect(positions()).toEqual([14]); // batches ending at 14, 18, 19: one checkpoint in the period
    await checkpointHead(t.db.db, throttled, clock);
    expect(positions()).toEqual([14, 19]);
    await checkpointHead(t.db.db, throttled, clock); // nothing moved: nothing written
    expect(positions()).toEqual([14, 19]);
  });

  it('prints the checkpoints and the public key that checks them', async () => {
    let out = '';
    const code = await runDbCommand(
      { name: 'audit checkpoints', json: true },
      { database: t.db, ctx: t.systemCtx(), output: { out: (s) => (out += s), err: (s) => (out += s) } },
    );
    expect(code).toBe(0);
    const doc = JSON.parse(out) as { algorithm: string; publicKey: string; checkpoints: { position: number; hash: string }[] };
    expect(doc.algorithm).toBe('Ed25519');
    expect(doc.checkpoints.map((c) => c.position)).toEqual([4, 8, 10]);
    expect(doc.checkpoints.at(-1)?.hash).toBe((await at(10)).hash);
  });
});
