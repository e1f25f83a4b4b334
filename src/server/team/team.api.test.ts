import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { secondInstance, testApp, type TestApp, type Session } from '#tests/helpers/test-app';
import { testEngine } from '#tests/helpers/global-setup';
import { teamHours } from './team.service';
import { gpgHome, hasGpg } from '#tests/helpers/gpg';
import { fullProfile } from '#tests/fixtures/team-profile';
import { queryRows } from '#server/db/client';
import { JobWorker } from '#server/jobs/queue';
import { jobDefinitions } from '#server/app';

let t: TestApp;
let admin: Session;
let lead: Session & { email: string };
beforeAll(async () => {
  t = await testApp();
  admin = await t.as('admin');
  lead = await t.as('lead');
});
afterAll(() => t.close());

const hours = {
  timeZone: 'Indian/Reunion',
  weekly: {
    '1': [{ start: '08:00', end: '17:00' }],
    '2': [{ start: '08:00', end: '17:00' }],
    '3': [{ start: '08:00', end: '17:00' }],
    '4': [{ start: '08:00', end: '17:00' }],
    '5': [{ start: '08:00', end: '17:00' }],
    '6': [],
    '7': [],
  },
  holidays: { country: 'FR', region: 'RE' },
  closures: [],
  emergency247: true,
};

async function save(s: Session, baseVersion: number, profile: object, extra: object = {}) {
  return t.app.inject({ method: 'PUT', url: '/api/team/profile', headers: s.headers, payload: { baseVersion, profile, hours, ...extra } });
}

async function drainJobs() {
  const w = new JobWorker({ db: t.db.db, definitions: jobDefinitions, log: pino({ level: 'silent' }), makeCtx: () => t.systemCtx() });
  while (await w.runOne()) {
    /* until empty */
  }
}

describe('team profile versions', () => {
  it('starts empty, listing what publication needs', async () => {
    const res = await t.app.inject({ url: '/api/team/profile', headers: lead.headers });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ version: number; missing: { path: string }[]; published: null }>();
    expect(body.version).toBe(0);
    expect(body.published).toBeNull();
    expect(body.missing.map((m) => m.path)).toEqual(expect.arrayContaining(['profile.document', 'profile.contact']));
  });

  it('saves numbered versions, refuses a save based on an outdated version, and diffs any two', async () => {
    const first = await save(lead, 0, { contact: { fullName: 'Draft team' } }, { note: 'first draft' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ version: 1, authorLabel: lead.email, note: 'first draft' });
    const second = await save(admin, 1, fullProfile);
    expect(second.json()).toMatchObject({ version: 2, missing: [] });
    const stale = await save(lead, 1, { contact: { fullName: 'Lost update' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ type: '/problems/profile-conflict' });

    const versions = await t.app.inject({ url: '/api/team/profile/versions', headers: lead.headers });
    expect(versions.json<{ items: { version: number }[] }>().items.map((v) => v.version)).toEqual([2, 1]);
    const diff = await t.app.inject({ url: '/api/team/profile/diff?from=1&to=2', headers: lead.headers });
    const d = diff.json<{ changes: { path: string; before: unknown; after: unknown }[]; textDiff: string }>();
    expect(d.changes).toContainEqual({ path: 'contact.fullName', before: 'Draft team', after: 'Example Regional CSIRT' });
    expect(d.textDiff).toContain('+   Full name: Example Regional CSIRT');
    const old = await t.app.inject({ url: '/api/team/profile/versions/1', headers: lead.headers });
    expect(old.json()).toMatchObject({ version: 1, profile: { contact: { fullName: 'Draft team' } } });
    expect((await t.app.inject({ url: '/api/team/profile/versions/99', headers: lead.headers })).statusCode).toBe(404);
    const audit = await t.app.inject({ url: '/api/audit?action=team-profile.save', headers: admin.headers });
    expect(audit.json<{ items: unknown[] }>().items).toHaveLength(2);
  });

  it('lets every team role read and only leads and admins edit', async () => {
    for (const role of ['viewer', 'analyst'] as const) {
      const s = await t.as(role);
      expect((await t.app.inject({ url: '/api/team/profile', headers: s.headers })).statusCode).toBe(200);
      expect((await save(s, 0, {})).statusCode).toBe(403);
    }
    expect((await t.app.inject({ url: '/api/team/profile' })).statusCode).toBe(401);
  });

  it('rejects invalid fields with their paths (bad e-mail, javascript: URL, impossible date, unknown zone, bad holiday region)', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/team/profile',
      headers: lead.headers,
      payload: {
        baseVersion: 2,
        profile: {
          contact: { email: 'not-mail', timeZone: 'Mars/Olympus' },
          document: { lastUpdated: '2026-02-30', locations: ['javascript:alert(1)'] },
        },
        hours: { ...hours, holidays: { country: 'FR', region: '974' } },
      },
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json<{ fields: { path: string }[] }>().fields.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.profile.contact.email',
        'body.profile.contact.timeZone',
        'body.profile.document.lastUpdated',
        'body.profile.document.locations.0',
        'body.hours.holidays.region',
      ]),
    );
  });
});

describe('import of an existing RFC 2350 document', () => {
  it('pre-fills a draft from a real team’s document and reports its findings, saving nothing', async () => {
    const text = fs.readFileSync('tests/fixtures/rfc2350/github-sirt-rfc2350.md', 'utf8');
    const res = await t.app.inject({ method: 'POST', url: '/api/team/profile/import', headers: lead.headers, payload: { text } });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ profile: { contact?: { email?: string } }; findings: { code: string }[]; sections: unknown[] }>();
    expect(body.profile.contact?.email).toBeTruthy();
    expect(body.sections.length).toBeGreaterThan(10);
    const state = await t.app.inject({ url: '/api/team/profile', headers: lead.headers });
    expect(state.json<{ version: number }>().version).toBe(2);
  });

  it('answers an empty document with an error finding, and an oversized one with 413', async () => {
    const empty = await t.app.inject({ method: 'POST', url: '/api/team/profile/import', headers: lead.headers, payload: { text: '   ' } });
    expect(empty.json<{ findings: { code: string; severity: string }[] }>().findings).toEqual([
      expect.objectContaining({ code: 'empty-document', severity: 'error' }),
    ]);
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/team/profile/import',
      headers: lead.headers,
      payload: { text: 'x'.repeat(3_000_000) },
    });
    expect(big.statusCode).toBe(413);
  });
});

describe('team key and publication', () => {
  it('tells anonymous visitors nothing of an unpublished profile', async () => {
    expect((await t.app.inject({ url: '/api/public/team' })).json()).toEqual({
      name: null,
      shortName: null,
      email: null,
      telephone: null,
      urgentSubjectTag: null,
      rfc2350: null,
    });
  });

  it('refuses to publish without a key, and keeps key management for admins', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/team/publish', headers: lead.headers, payload: {} });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ type: '/problems/no-team-key' });
    expect((await t.app.inject({ method: 'POST', url: '/api/team/keys/generate', headers: lead.headers, payload: {} })).statusCode).toBe(
      403,
    );
    expect((await t.app.inject({ url: '/rfc2350.txt' })).statusCode).toBe(404);
  });

  it('rejects an imported key that is not a key, or with the wrong passphrase, naming the field', async () => {
    const garbage = await t.app.inject({
      method: 'POST',
      url: '/api/team/keys/import',
      headers: admin.headers,
      payload: { armoredPrivate: 'hello', passphrase: '' },
    });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json()).toMatchObject({ type: '/problems/key-rejected', fields: [{ path: 'body.armoredPrivate' }] });
  });

  it.skipIf(!hasGpg)('publishes a signed document and security.txt that real GnuPG verifies; one changed character fails', async () => {
    const gen = await t.app.inject({ method: 'POST', url: '/api/team/keys/generate', headers: admin.headers, payload: {} });
    expect(gen.statusCode).toBe(201);
    const { key, revocationCertificate } = gen.json<{
      key: { fingerprint: string; keyId: string; userIds: string[]; active: boolean };
      revocationCertificate: string;
    }>();
    expect(key).toMatchObject({ active: true, userIds: ['Example Regional CSIRT <csirt@csirt.example.org>'] });
    expect(key.fingerprint.endsWith(key.keyId)).toBe(true);
    expect(revocationCertificate).toContain('BEGIN PGP PUBLIC KEY BLOCK');
    const [row] = await queryRows<{ armored_private: string }>(t.db.db, sql`select armored_private from team_keys`);
    expect(row?.armored_private).toContain('BEGIN PGP PRIVATE KEY BLOCK');

    const pub = await t.app.inject({ method: 'POST', url: '/api/team/publish', headers: lead.headers, payload: { language: 'en' } });
    expect(pub.statusCode).toBe(201);
    expect(pub.json()).toMatchObject({ profileVersion: 2, urls: { text: 'https://csirt.example.org/rfc2350.txt' } });

    // Everything below is what an anonymous visitor gets.
    const txt = await t.app.inject({ url: '/rfc2350.txt' });
    expect(txt.statusCode).toBe(200);
    expect(txt.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(txt.body).toContain('TLP:CLEAR');
    expect(txt.body).toContain('2.3 Time Zone');
    expect(txt.body).toContain('IANA time zone: Indian/Reunion');
    expect(txt.body).toMatch(/\n7\. Disclaimers\n\n   We take every care/);
    expect(txt.body).toContain(key.fingerprint.replace(/(.{4})(?=.)/g, '$1 '));
    const asc = (await t.app.inject({ url: '/rfc2350.txt.asc' })).body;
    const pubKey = await t.app.inject({ url: '/pgp-key.asc' });
    expect(pubKey.body).toContain('BEGIN PGP PUBLIC KEY BLOCK');
    expect(pubKey.body).not.toContain('PRIVATE');
    const sec = await t.app.inject({ url: '/.well-known/security.txt' });

    const g = await gpgHome();
    try {
      expect((await g.gpg('--import', await g.write('key.asc', pubKey.body))).code).toBe(0);
      const sig = await g.write('rfc2350.txt.asc', asc);
      const good = await g.gpg('--verify', sig, await g.write('rfc2350.txt', txt.body));
      expect(good.code).toBe(0);
      expect(good.stdout).toContain(`VALIDSIG ${key.fingerprint}`);
      const tampered = txt.body.replace('Example Regional CSIRT', 'Example Regional CSIRt');
      const bad = await g.gpg('--verify', sig, await g.write('tampered.txt', tampered));
      expect(bad.code).not.toBe(0);
      expect(bad.stdout).toContain('BADSIG');
      const secOk = await g.gpg('--verify', await g.write('security.txt', sec.body));
      expect(secOk.code).toBe(0);
      expect(secOk.stdout).toContain(`VALIDSIG ${key.fingerprint}`);
    } finally {
      await g.dispose();
    }

    // RFC 9116: signed, required Contact and Expires (once, in the future, under a year), Canonical, Encryption.
    expect(sec.body.startsWith('-----BEGIN PGP SIGNED MESSAGE-----')).toBe(true);
    const fields = sec.body.split('\n').filter((l) => /^[A-Za-z-]+: /.test(l) && !l.startsWith('Hash:'));
    const get = (name: string) => fields.filter((l) => l.startsWith(`${name}: `)).map((l) => l.slice(name.length + 2));
    expect(get('Contact')).toEqual(['mailto:csirt@csirt.example.org', 'tel:+262262000000']);
    expect(get('Expires')).toHaveLength(1);
    const expires = new Date(get('Expires')[0] ?? '');
    expect(get('Expires')[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(expires.getTime()).toBeGreaterThan(Date.now());
    expect(expires.getTime() - Date.now()).toBeLessThan(365 * 86_400_000);
    expect(get('Canonical')).toEqual(['https://csirt.example.org/.well-known/security.txt']);
    expect(get('Encryption')).toEqual(['https://csirt.example.org/pgp-key.asc']);
    expect(get('Preferred-Languages')).toEqual(['en, fr']);
    expect(get('Policy')).toEqual(['https://csirt.example.org/rfc2350']);
    expect((await t.app.inject({ url: '/security.txt' })).headers.location).toBe('/.well-known/security.txt');
  });

  it.skipIf(!hasGpg)('tells anonymous visitors only what the published document says', async () => {
    const res = await t.app.inject({ url: '/api/public/team' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      name: 'Example Regional CSIRT',
      shortName: 'CSIRT-EX',
      email: 'csirt@csirt.example.org',
      telephone: '+262 262 00 00 00',
      urgentSubjectTag: '[URGENT]',
      rfc2350: 'https://csirt.example.org/rfc2350',
    });
  });

  it.skipIf(!hasGpg)('notifies the distribution list through the outbox after publishing', async () => {
    await drainJobs();
    const rows = await queryRows<{ recipient: string; subject: string; status: string }>(
      t.db.db,
      sql`select recipient, subject, status from outbox_messages`,
    );
    expect(rows).toEqual([
      { recipient: 'rfc2350-updates@csirt.example.org', subject: 'CSIRT-EX: new version of the RFC 2350 description', status: 'pending' },
    ]);
  });

  it.skipIf(!hasGpg)('serves the HTML page with the team’s Markdown rendered and raw HTML escaped', async () => {
    const evil = {
      ...fullProfile,
      charter: { ...fullProfile.charter, mission: 'We **help**. <script>alert(1)</script> [x](javascript:alert(2))' },
    };
    expect((await save(lead, 2, evil)).statusCode).toBe(200);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/team/publish', headers: lead.headers, payload: { language: 'fr' } })).statusCode,
    ).toBe(201);
    const html = await t.app.inject({ url: '/rfc2350' });
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('<html lang="fr">');
    expect(html.body).toContain('<strong>help</strong>');
    expect(html.body).not.toContain('<script>alert(1)');
    expect(html.body).toContain('&lt;script&gt;');
    expect(html.body).not.toContain('href="javascript:');
    expect(html.body).toContain('2.3. Fuseau horaire');
    expect((await t.app.inject({ url: '/rfc2350.md' })).body).toContain('# Description RFC 2350 de Example Regional CSIRT (CSIRT-EX)');
  });

  it('refuses to publish an incomplete profile, naming the missing fields', async () => {
    const own = await testApp();
    try {
      const a = await own.as('admin');
      await own.app.inject({
        method: 'PUT',
        url: '/api/team/profile',
        headers: a.headers,
        payload: { baseVersion: 0, profile: { contact: { shortName: 'X' } }, hours: null },
      });
      const res = await own.app.inject({ method: 'POST', url: '/api/team/publish', headers: a.headers, payload: {} });
      expect(res.statusCode).toBe(422);
      expect(res.json<{ fields: { path: string }[] }>().fields.map((f) => f.path)).toEqual(
        expect.arrayContaining(['profile.document', 'profile.contact.fullName', 'profile.contact.email', 'profile.contact.timeZone']),
      );
    } finally {
      await own.close();
    }
  });
});

// Last: these save versions of their own, which the tests above do not expect.
describe('the operating hours every clock counts with', () => {
  it('are those of the latest version at once after a save on this instance', async () => {
    const current = (await t.app.inject({ url: '/api/team/profile', headers: lead.headers })).json<{ version: number }>().version;
    expect((await teamHours(t.db.db)).timeZone).toBe('Indian/Reunion');
    const res = await save(lead, current, { contact: { fullName: 'Hours team' } }, { hours: { ...hours, timeZone: 'Europe/Luxembourg' } });
    expect(res.statusCode).toBe(200);
    expect((await teamHours(t.db.db)).timeZone).toBe('Europe/Luxembourg');
    const back = await save(lead, current + 1, { contact: { fullName: 'Hours team' } });
    expect(back.statusCode).toBe(200);
    expect((await teamHours(t.db.db)).timeZone).toBe('Indian/Reunion');
  });

  it.skipIf(testEngine() === 'pglite')('are those another instance saved within a second', async () => {
    const other = await secondInstance(t);
    try {
      expect((await teamHours(t.db.db)).timeZone).toBe('Indian/Reunion');
      const current = (await t.app.inject({ url: '/api/team/profile', headers: lead.headers })).json<{ version: number }>().version;
      const res = await other.app.inject({
        method: 'PUT',
        url: '/api/team/profile',
        headers: lead.headers,
        payload: { baseVersion: current, profile: { contact: { fullName: 'Hours team' } }, hours: { ...hours, timeZone: 'Asia/Tokyo' } },
      });
      expect(res.statusCode).toBe(200);
      await vi.waitFor(async () => expect((await teamHours(t.db.db)).timeZone).toBe('Asia/Tokyo'), { timeout: 2_500, interval: 50 });
    } finally {
      await other.close();
    }
  });
});
