// A corpus of hostile and broken messages, each kept and given a clear outcome: a report (with what could be read),
// ignored (automatic mail), or quarantined with a reason. None crashes processing, none is lost.
import { gzipSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { testApp, type TestApp } from '#tests/helpers/test-app';
import { deriveSecrets } from '#server/instance-secret';
import { fileAttachmentStore } from '#server/storage/storage';
import { teamKeys } from '#server/team/team.table';
import { mailMessages } from './mailbox.table';
import { processMessage, processPending, receiveMessage, type MailboxDeps } from './mailbox.service';
import { claimMessage } from './mailbox.repo';
import type { Report } from '#shared/reports/reports.schemas';

let t: TestApp;
let deps: MailboxDeps;
let teamPublic = '';

beforeAll(async () => {
  t = await testApp();
  const admin = await t.as('admin');
  const gen = await t.app.inject({
    method: 'POST',
    url: '/api/team/keys/generate',
    headers: admin.headers,
    payload: { name: 'CSIRT', email: 'csirt@team.example' },
  });
  const fpr = gen.json<{ key: { fingerprint: string } }>().key.fingerprint;
  teamPublic = (await t.db.db.select().from(teamKeys).where(eq(teamKeys.fingerprint, fpr)))[0]?.armoredPublic ?? '';
  deps = {
    storage: fileAttachmentStore(t.attachmentsDir),
    teamKeyPassphrase: deriveSecrets('test-instance-secret-of-32-characters!').teamKeyPassphrase,
    publicBase: 'https://csirt.example.org',
  };
}, 60_000);
afterAll(() => t.close());

const CRLF = (s: string) => s.replace(/\r?\n/g, '\r\n');
let n = 0;
function mail(headers: Record<string, string>, body: string | Buffer): Buffer {
  const h = {
    From: 'Someone <someone@example.net>',
    To: 'csirt@team.example',
    Subject: `Message ${++n}`,
    'Message-ID': `<hostile-${n}-${Date.now()}@example.net>`,
    'MIME-Version': '1.0',
    ...headers,
  };
  const head = Object.entries(h)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), typeof body === 'string' ? Buffer.from(CRLF(body), 'latin1') : body]);
}

async function encryptTo(armoredKey: string, text: string): Promise<string> {
  const pgp = await import('openpgp');
  const encryptionKeys = await pgp.readKey({ armoredKey });
  const armored: string = await pgp.encrypt({ message: await pgp.createMessage({ text }), encryptionKeys });
  return armored;
}

async function otherKey(): Promise<string> {
  const pgp = await import('openpgp');
  const { publicKey } = await pgp.generateKey({ userIDs: [{ name: 'Other', email: 'other@example.net' }], format: 'armored' });
  return publicKey;
}

const b64 = (buf: Buffer) => (buf.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
const attachment = (boundary: string, name: string, type: string, content: Buffer) =>
  `--${boundary}\r\nContent-Type: ${type}; name="${name}"\r\nContent-Disposition: attachment; filename="${name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(content)}\r\n`;

interface Case {
  name: string;
  raw: () => Promise<Buffer> | Buffer;
  envelopeFrom?: string | null;
  /** The outcome expected, and (when a report opens) a check of it. */
  expect: { status: 'processed' | 'ignored' | 'quarantined'; reasonCode?: string; report?: (r: Report) => void };
}

const cases: Case[] = [
  { name: 'plain text', raw: () => mail({}, 'Scan from 203.0.113.9'), expect: { status: 'processed' } },
  { name: 'zero bytes', raw: () => Buffer.alloc(0), expect: { status: 'quarantined', reasonCode: 'malformed' } },
  {
    name: 'random binary',
    raw: () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
    expect: { status: 'quarantined', reasonCode: 'malformed' },
  },
  {
    name: 'headers only, no body',
    raw: () => Buffer.from('From: a@example.net\r\nSubject: only headers\r\n'),
    expect: { status: 'processed', report: (r) => expect(r.description).toBe('(empty message)') },
  },
  { name: 'no From', raw: () => mail({ From: '' }, 'who am I'), expect: { status: 'quarantined', reasonCode: 'malformed' } },
  {
    name: 'multipart without a boundary',
    raw: () => mail({ 'Content-Type': 'multipart/mixed' }, 'text without parts'),
    expect: { status: 'processed' },
  },
  {
    name: 'multipart never closed',
    raw: () => mail({ 'Content-Type': 'multipart/mixed; boundary="x"' }, '--x\nContent-Type: text/plain\n\nfirst part, no end'),
    expect: { status: 'processed', report: (r) => expect(r.description).toContain('first part, no end') },
  },
  {
    name: 'encrypted to a key the team does not hold',
    raw: async () => mail({}, await encryptTo(await otherKey(), 'secret for someone else')),
    expect: { status: 'quarantined', reasonCode: 'cannot-decrypt' },
  },
  {
    name: 'truncated armour',
    raw: async () => {
      const armored = await encryptTo(teamPublic, 'cut short');
      return mail({}, `${armored.slice(0, armored.length / 2)}\n-----END PGP MESSAGE-----`);
    },
    expect: { status: 'quarantined', reasonCode: 'cannot-decrypt' },
  },
  {
    name: 'armour with corrupted base64',
    raw: async () => {
      // Valid base64, wrong bytes: the armour decodes, the encrypted packet does not.
      const armored = await encryptTo(teamPublic, 'corrupted');
      const lines = armored.split('\n');
      const mid = Math.floor(lines.length / 2);
      lines[mid] = (lines[mid] ?? '').replace(/[A-Za-z]/g, (c) => (c === 'A' ? 'B' : 'A'));
      return mail({}, lines.join('\n'));
    },
    expect: { status: 'quarantined', reasonCode: 'cannot-decrypt' },
  },
  {
    name: 'PGP/MIME without the encrypted part',
    raw: () =>
      mail(
        { 'Content-Type': 'multipart/encrypted; protocol="application/pgp-encrypted"; boundary="e"' },
        '--e\nContent-Type: application/pgp-encrypted\n\nVersion: 1\n--e--',
      ),
    expect: { status: 'quarantined', reasonCode: 'malformed' },
  },
  {
    name: 'PGP/MIME encrypted to the team, readable',
    raw: async () =>
      mail(
        { 'Content-Type': 'multipart/encrypted; protocol="application/pgp-encrypted"; boundary="e"' },
        `--e\nContent-Type: application/pgp-encrypted\n\nVersion: 1\n--e\nContent-Type: application/octet-stream\n\n${await encryptTo(teamPublic, 'Content-Type: text/plain; charset=utf-8\r\n\r\nDecrypted: 198.51.100.77 beacons')}\n--e--`,
      ),
    expect: { status: 'processed', report: (r) => expect(r.observables.map((o) => o.value)).toContain('198.51.100.77') },
  },
  {
    name: 'multipart/signed without its signature',
    raw: () =>
      mail(
        { 'Content-Type': 'multipart/signed; protocol="application/pgp-signature"; micalg=pgp-sha256; boundary="s"' },
        '--s\nContent-Type: text/plain\n\nsigned?\n--s--',
      ),
    expect: { status: 'quarantined', reasonCode: 'malformed' },
  },
  {
    name: 'a 12 MB attachment (over the 10 MB limit)',
    raw: () =>
      mail(
        { 'Content-Type': 'multipart/mixed; boundary="a"' },
        `--a\nContent-Type: text/plain\n\nsee attached\n${attachment('a', 'disk.img', 'application/octet-stream', Buffer.alloc(12 * 1024 * 1024, 1))}--a--`,
      ),
    expect: { status: 'quarantined', reasonCode: 'too-large' },
  },
  {
    name: 'eleven attachments (over the 10 per report)',
    raw: () =>
      mail(
        { 'Content-Type': 'multipart/mixed; boundary="a"' },
        `--a\nContent-Type: text/plain\n\nmany files\n${Array.from({ length: 11 }, (_, i) => attachment('a', `f${i}.txt`, 'text/plain', Buffer.from(`file ${i}`))).join('')}--a--`,
      ),
    expect: { status: 'quarantined', reasonCode: 'too-large' },
  },
  {
    name: 'a gzip bomb attachment (never expanded)',
    raw: () =>
      mail(
        { 'Content-Type': 'multipart/mixed; boundary="a"' },
        `--a\nContent-Type: text/plain\n\nsample\n${attachment('a', 'bomb.gz', 'application/gzip', gzipSync(Buffer.alloc(200 * 1024 * 1024)))}--a--`,
      ),
    expect: { status: 'processed', report: (r) => expect(r.attachments.map((a) => a.filename)).toEqual(['bomb.gz']) },
  },
  {
    name: 'a path in an attachment name',
    raw: () =>
      mail(
        { 'Content-Type': 'multipart/mixed; boundary="a"' },
        `--a\nContent-Type: text/plain\n\nlog\n${attachment('a', '../../etc/passwd', 'text/plain', Buffer.from('root:x:0:0'))}--a--`,
      ),
    expect: { status: 'processed', report: (r) => expect(r.attachments.map((a) => a.filename)).toEqual(['passwd']) },
  },
  {
    name: 'Auto-Submitted: auto-generated',
    raw: () => mail({ 'Auto-Submitted': 'auto-generated' }, 'automatic'),
    expect: { status: 'ignored', reasonCode: 'auto-reply' },
  },
  { name: 'X-Autoreply', raw: () => mail({ 'X-Autoreply': 'yes' }, 'away'), expect: { status: 'ignored', reasonCode: 'auto-reply' } },
  { name: 'Precedence: junk', raw: () => mail({ Precedence: 'junk' }, 'spam'), expect: { status: 'ignored', reasonCode: 'auto-reply' } },
  {
    name: 'our own message back (loop)',
    raw: () => mail({ 'X-Tocsin-Loop': 'csirt.example.org' }, 'echo'),
    expect: { status: 'ignored', reasonCode: 'loop' },
  },
  {
    name: 'a delivery status notification',
    raw: () =>
      mail(
        { 'Content-Type': 'multipart/report; report-type=delivery-status; boundary="r"' },
        '--r\nContent-Type: text/plain\n\nfailed\n--r\nContent-Type: message/delivery-status\n\nAction: failed\n--r--',
      ),
    expect: { status: 'ignored', reasonCode: 'bounce' },
  },
  {
    name: 'an empty return path',
    raw: () => mail({}, 'from a mail system'),
    envelopeFrom: '',
    expect: { status: 'ignored', reasonCode: 'bounce' },
  },
  {
    name: 'MAILER-DAEMON',
    raw: () => mail({ From: 'MAILER-DAEMON@mx.example.net' }, 'undeliverable'),
    expect: { status: 'ignored', reasonCode: 'bounce' },
  },
  {
    name: 'five thousand recipients',
    raw: () => mail({ To: Array.from({ length: 5000 }, (_, i) => `user${i}@example.org`).join(', ') }, 'to everyone'),
    expect: { status: 'processed' },
  },
  {
    name: 'ISO-8859-1 body',
    raw: () =>
      mail(
        { 'Content-Type': 'text/plain; charset=ISO-8859-1', 'Content-Transfer-Encoding': '8bit' },
        Buffer.from('Référence de la régie: accès bloqué', 'latin1'),
      ),
    expect: { status: 'processed', report: (r) => expect(r.description).toContain('Référence de la régie: accès bloqué') },
  },
  {
    name: 'Shift_JIS subject as an encoded word',
    raw: () => mail({ Subject: '=?UTF-8?B?5LiN5q2j44Ki44Kv44K744K5?=' }, 'body'),
    expect: { status: 'processed', report: (r) => expect(r.title).toBe('不正アクセス') },
  },
  {
    name: 'an unknown charset',
    raw: () => mail({ 'Content-Type': 'text/plain; charset=x-unknown-42' }, 'still readable'),
    expect: { status: 'processed', report: (r) => expect(r.description).toContain('still readable') },
  },
  {
    name: 'multiparts nested 100 deep',
    raw: () => {
      let body = 'Content-Type: text/plain\r\n\r\ndeep inside\r\n';
      for (let i = 0; i < 100; i++) body = `Content-Type: multipart/mixed; boundary="n${i}"\r\n\r\n--n${i}\r\n${body}--n${i}--\r\n`;
      return Buffer.from(`From: deep@example.net\r\nSubject: deep\r\nMIME-Version: 1.0\r\n${body}`);
    },
    expect: { status: 'processed' },
  },
  {
    name: 'HTML only, with a script',
    raw: () => mail({ 'Content-Type': 'text/html; charset=utf-8' }, '<p>Defacement of <b>www.example.org</b></p><script>alert(1)</script>'),
    expect: { status: 'processed', report: (r) => expect(r.description).not.toContain('<script>') },
  },
  {
    name: 'a 10,000-character subject',
    raw: () => mail({ Subject: 'S'.repeat(10_000) }, 'long subject'),
    expect: { status: 'processed', report: (r) => expect(r.title).toHaveLength(200) },
  },
  {
    name: 'a 60,000-character body',
    raw: () => mail({}, `${'Log line 192.0.2.1 denied\n'.repeat(2500)}`),
    expect: {
      status: 'processed',
      report: (r) => expect([r.description.length <= 20_000, (r.evidence ?? '').length > 60_000]).toEqual([true, true]),
    },
  },
  {
    name: 'NUL and control characters',
    raw: () => mail({ Subject: 'Bad\u0001subject' }, Buffer.from('before\u0000after\u0007bell', 'latin1')),
    expect: { status: 'processed', report: (r) => expect([r.title, r.description]).toEqual(['Badsubject', 'beforeafterbell']) },
  },
  {
    name: 'a garbage Date and a Message-ID of 2,000 characters',
    raw: () => mail({ Date: 'yesterday-ish', 'Message-ID': `<${'x'.repeat(2000)}@example.net>` }, 'odd headers'),
    expect: { status: 'processed' },
  },
  {
    name: 'a thousand References',
    raw: () => mail({ References: Array.from({ length: 1000 }, (_, i) => `<r${i}@example.net>`).join(' ') }, 'long thread'),
    expect: { status: 'processed' },
  },
];

describe('hostile messages', () => {
  it(`gives each of the ${cases.length} a clear outcome, and keeps them all`, async () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    const ctx = t.systemCtx();
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const c of cases) {
      const raw = await c.raw();
      const received = await receiveMessage(ctx, deps, raw, {
        channel: 'smtp',
        from: c.envelopeFrom === undefined ? 'x@example.net' : c.envelopeFrom,
        to: ['csirt@team.example'],
        remoteAddress: '192.0.2.1',
      });
      const done = await processMessage(ctx, deps, received.id);
      outcomes.push(`${c.name}: ${done.status}${done.reasonCode ? ` (${done.reasonCode})` : ''}`);
      expected.push(`${c.name}: ${c.expect.status}${c.expect.reasonCode ? ` (${c.expect.reasonCode})` : ''}`);
      expect(done.reason === null).toBe(done.status === 'processed');
      if (done.status === 'processed' && c.expect.report) {
        const analyst = await t.as('analyst');
        const r = (await t.app.inject({ url: `/api/reports/${done.reportId}`, headers: analyst.headers })).json<Report>();
        c.expect.report(r);
      }
      if (c.name === 'a path in an attachment name') expect(done.attachments.map((a) => a.filename)).toEqual(['passwd']);
      if (c.name.startsWith('encrypted to a key')) expect(done.encryption).toBe('pgp-inline');
      // The raw message is kept, byte for byte.
      expect(await deps.storage.has(received.rawSha256)).toBe(true);
    }
    expect(outcomes).toEqual(expected);
    const rows = await t.db.db.select().from(mailMessages);
    expect(rows.filter((r) => r.status === 'received')).toEqual([]);
    expect(rows.filter((r) => r.leaseUntil !== null)).toEqual([]);
    expect(rows).toHaveLength(cases.length);
  }, 120_000);
});

describe('processing once', () => {
  it('leaves a message another worker holds alone until its lease runs out, then takes it up (one report)', async () => {
    const ctx = t.systemCtx();
    const received = await receiveMessage(ctx, deps, mail({ Subject: 'Held elsewhere' }, 'Scan from 203.0.113.50'), {
      channel: 'smtp',
      from: 'x@example.net',
      to: ['csirt@team.example'],
      remoteAddress: null,
    });
    // Another instance took it a moment ago (its lease runs 5 minutes).
    const now = Date.now();
    expect(await claimMessage(t.db.db, received.id, new Date(now), new Date(now + 5 * 60_000))).not.toBeNull();
    expect(await processMessage(ctx, deps, received.id)).toMatchObject({ status: 'received', reportId: null });
    expect(await processPending(ctx, deps, 0)).toBe(0);
    // That instance died: after its lease, the sweep processes the message, once.
    const later = { ...ctx, clock: { now: () => new Date(now + 6 * 60_000) } };
    expect(await processPending(later, deps, 0)).toBe(1);
    const done = (await t.db.db.select().from(mailMessages).where(eq(mailMessages.id, received.id)))[0];
    expect(done).toMatchObject({ status: 'processed', leaseUntil: null, attempts: 1 });
    expect(done?.reportId).not.toBeNull();
    expect(await processPending(later, deps, 0)).toBe(0);
  });
});
