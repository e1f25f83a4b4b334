// The `tocsin` command as a user runs it: a real process against a copy of the test database.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { testDb, type TestDatabase } from '#tests/helpers/test-db';
import { openDatabase } from '#server/db/client';
import { runMigrations } from '#server/db/migrate';
import { createUser } from '#server/users/users.service';
import { JobQueue } from '#server/jobs/queue';
import { systemClock, type Ctx } from './ctx';
import { deriveSecrets } from './instance-secret';
import { sealAuditTrail } from '#server/audit/audit.service';
import { auditTrailFrom, checkpointFileIn } from '#server/audit/audit.trail';

const run = promisify(execFile);

async function tocsin(db: TestDatabase, args: string[], input?: string, extraEnv: Record<string, string> = {}) {
  const env = {
    ...process.env,
    ...extraEnv,
    TOCSIN_DATA_DIR: db.location.dataDir || '/nonexistent',
    ...(db.location.databaseUrl ? { DATABASE_URL: db.location.databaseUrl } : {}),
  };
  if (!db.location.databaseUrl) delete env.DATABASE_URL;
  const child = run(process.execPath, ['bin/tocsin.mjs', ...args], { env });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let db: TestDatabase;
beforeEach(async () => {
  db = await testDb();
});
afterEach(() => db.destroy());

describe('tocsin CLI', () => {
  it('adds a user with a generated password and refuses a bad role with a readable message', async () => {
    await db.close(); // one process at a time on a PGlite folder
    const ok = await tocsin(db, ['user', 'add', '--email', 'duty@example.org', '--name', 'Duty Officer', '--role', 'analyst']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Created duty@example\.org \(analyst\)\.\nPassword \(shown once\): [A-Za-z0-9]{20}/);
    const bad = await tocsin(db, ['user', 'add', '--email', 'x@example.org', '--name', 'X', '--role', 'root']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('tocsin: role:');
    const dup = await tocsin(db, ['user', 'add', '--email', 'DUTY@example.org', '--name', 'Again']);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toContain('already has an account');
  });

  it('resets a password read from standard input', async () => {
    await db.close();
    await tocsin(db, ['user', 'add', '--email', 'lead@example.org', '--name', 'Lead', '--role', 'lead']);
    const res = await tocsin(db, ['user', 'reset-password', 'lead@example.org', '--password-stdin'], 'a new long passphrase\n');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Password of lead@example.org reset');
    const unknown = await tocsin(db, ['user', 'reset-password', 'ghost@example.org']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No account with the e-mail ghost@example.org');
  });

  it('audit verify passes on an intact trail and exits non-zero naming the event edited in the database', async () => {
    const ctx: Ctx = {
      db: db.db,
      actor: { kind: 'system', label: 'test' },
      jobs: new JobQueue(db.db),
      clock: systemClock,
      log: pino({ level: 'silent' }),
      origin: {},
    };
    const secret = { TOCSIN_SECRET: 'the instance secret of this CLI test, long enough' };
    const trail = auditTrailFrom(deriveSecrets(secret.TOCSIN_SECRET), db.location.dataDir ? checkpointFileIn(db.location.dataDir) : null);
    for (const name of ['Alice', 'Bob', 'Carol'])
      await createUser(ctx, { email: `${name.toLowerCase()}@example.org`, name, role: 'viewer', password: 'long enough password' });
    await sealAuditTrail(db.db, trail);
    await createUser(ctx, { email: 'dave@example.org', name: 'Dave', role: 'viewer', password: 'long enough password' });
    await db.close();
    const intact = await tocsin(db, ['audit', 'verify'], undefined, secret);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain('Audit trail intact: 3 event(s) verified.');
    expect(intact.stdout).toContain('1 recent event(s) not sealed yet');
    if (db.location.dataDir) {
      expect(intact.stdout).toContain('1 signed checkpoint(s) matched.');
      const exported = await tocsin(db, ['audit', 'checkpoints'], undefined, secret);
      expect(exported.code).toBe(0);
      expect(exported.stdout).toMatch(/public key \(raw, base64url\):\n# [A-Za-z0-9_-]{43}\n\{"position":3,"hash":"[0-9a-f]{64}"/);
    }

    // Verifying needs the instance secret; without it the command says so rather than reporting every event forged.
    const noSecret = await tocsin(db, ['audit', 'verify']);
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toContain('no instance secret');

    const again = await openDatabase({ databaseUrl: db.location.databaseUrl, dataDir: db.location.dataDir, noLock: true });
    await again.db.execute(sql`update audit_events set actor_label = 'someone else' where seq = 2`);
    await again.close();
    const broken = await tocsin(db, ['audit', 'verify'], undefined, secret);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('Audit trail BROKEN at event 2: event 2 (user.create, chain position 2) does not match its keyed hash');
    const json = await tocsin(db, ['audit', 'verify', '--json'], undefined, secret);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, firstBroken: { seq: 2 } });
  });

  it('migrate reports the migrations applied; a bad setting is a readable error', async () => {
    await db.close();
    const res = await tocsin(db, ['migrate']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/migration\(s\), all applied/);
    const env = { ...process.env, TOCSIN_PORT: 'eighty' };
    const bad = await run(process.execPath, ['bin/tocsin.mjs', 'migrate'], { env }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('TOCSIN_PORT');
  });
});

describe('migrations', () => {
  it('are safe to run from two instances at once', async () => {
    const a = await openDatabase({ databaseUrl: db.location.databaseUrl, dataDir: db.location.dataDir, noLock: true });
    const results = await Promise.all([runMigrations(db), runMigrations(a)]);
    await a.close();
    expect(results.every((r) => r.total >= 1)).toBe(true);
  });
});
