// Mail in, end to end with real tools: GnuPG encrypts and signs to the team key, swaks sends it over SMTP to the
// built-in listener, and the message becomes a report (urgent, signature attributed to the contact, duty paged).
// Then replies are threaded, automatic mail is ignored, and what cannot be read is quarantined, never lost.
import { execFile } from 'node:child_process';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { testApp, type TestApp, type Session } from '#tests/helpers/test-app';
import { gpgHome, hasGpg, type GpgHome } from '#tests/helpers/gpg';
import { deriveSecrets } from '#server/instance-secret';
import { fileAttachmentStore } from '#server/storage/storage';
import { jobs } from '#server/jobs/jobs.table';
import { teamKeys } from '#server/team/team.table';
import { createOrg } from '#server/reports/reports.test-helpers';
import { startInbound, type Inbound } from './inbound';
import type { MailMessage, MailboxPage } from '#shared/mailbox/mailbox.schemas';
import type { Report } from '#shared/reports/reports.schemas';

const hasSwaks = await new Promise<boolean>((resolve) => execFile('swaks', ['--version'], (err) => resolve(!err)));
if (!hasSwaks && process.env.CI) throw new Error('swaks not found but CI is set: apt-get install -y swaks');
if (!hasSwaks) console.warn('Skipping SMTP tests: swaks not found (apt-get install -y swaks)');
const ready = hasGpg && hasSwaks;

const TEAM = 'csirt@team.example';
const REPORTER = 'soc@constituent.example';

let t: TestApp;
let analyst: Session;
let inbound: Inbound;
let port = 0;
let gpg: GpgHome;
let teamFingerprint = '';
let contactId = '';

/** Sends a whole message (headers and body) with swaks; resolves with swaks' exit code and transcript. */
function swaks(message: string, opts: { to?: string; from?: string } = {}): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      'swaks',
      ['--server', `127.0.0.1:${port}`, '--to', opts.to ?? TEAM, '--from', opts.from ?? REPORTER, '--data', '-', '--hide-informational'],
      { timeout: 30_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
    );
    child.stdin?.end(message.replace(/\r?\n/g, '\r\n'));
  });
}

async function mailbox(query = ''): Promise<MailMessage[]> {
  const res = await t.app.inject({ url: `/api/mailbox?limit=200${query}`, headers: analyst.headers });
  expect(res.statusCode).toBe(200);
  return res.json<MailboxPage>().items;
}

/** Waits until the message with this Message-ID is no longer just received, and returns it. */
async function outcome(messageId: string): Promise<MailMessage> {
  for (let i = 0; i < 200; i++) {
    const found = (await mailbox()).find((m) => m.messageId === messageId && m.status !== 'received');
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`message ${messageId} was not processed`);
}

const report = async (id: string) => (await t.app.inject({ url: `/api/reports/${id}`, headers: analyst.headers })).json<Report>();

let seq = 0;
function message(opts: { subject: string; body: string; headers?: Record<string, string>; contentType?: string; messageId?: string }): {
  raw: string;
  id: string;
} {
  const id = opts.messageId ?? `<test-${++seq}-${Date.now()}@constituent.example>`;
  const headers = {
    From: `SOC Constituent <${REPORTER}>`,
    To: TEAM,
    Subject: opts.subject,
    Date: new Date().toUTCString(),
    'Message-ID': id,
    'MIME-Version': '1.0',
    'Content-Type': opts.contentType ?? 'text/plain; charset=utf-8',
    ...opts.headers,
  };
  const head = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
  return { raw: `${head}\n\n${opts.body}\n`, id };
}

beforeAll(async () => {
  t = await testApp();
  analyst = await t.as('analyst');
  if (!ready) return;
  const admin = await t.as('admin');
  const gen = await t.app.inject({
    method: 'POST',
    url: '/api/team/keys/generate',
    headers: admin.headers,
    payload: { name: 'Test CSIRT', email: TEAM },
  });
  expect(gen.statusCode).toBe(201);
  teamFingerprint = gen.json<{ key: { fingerprint: string } }>().key.fingerprint;
  const [key] = await t.db.db.select().from(teamKeys).where(eq(teamKeys.fingerprint, teamFingerprint));
  gpg = await gpgHome();
  expect((await gpg.gpg('--import', await gpg.write('team.asc', key?.armoredPublic ?? ''))).code).toBe(0);
  const made = await gpg.gpg(
    '--passphrase',
    '',
    '--pinentry-mode',
    'loopback',
    '--quick-gen-key',
    `SOC Constituent <${REPORTER}>`,
    'ed25519',
    'sign',
    'never',
  );
  expect(made.code).toBe(0);
  const exported = await gpg.gpg('--armor', '--export', REPORTER);
  const org = await createOrg(t, analyst, 'Constituent', [['domain', 'constituent.example']]);
  const contact = await t.app.inject({
    method: 'POST',
    url: `/api/organisations/${org.id}/contacts`,
    headers: analyst.headers,
    payload: { name: 'SOC', email: REPORTER, pgpKey: exported.stdout.slice(exported.stdout.indexOf('-----BEGIN')) },
  });
  expect(contact.statusCode).toBe(201);
  contactId = contact.json<{ id: string }>().id;
  inbound = await startInbound({
    deps: {
      storage: fileAttachmentStore(t.attachmentsDir),
      teamKeyPassphrase: deriveSecrets('test-instance-secret-of-32-characters!').teamKeyPassphrase,
      publicBase: 'https://csirt.example.org',
    },
    smtp: { port: 0, host: '127.0.0.1', maxBytes: 2 * 1024 * 1024, recipients: [TEAM] },
    makeCtx: () => t.systemCtx(),
    log: pino({ level: 'silent' }),
  });
  port = inbound.smtpPort ?? 0;
}, 60_000);

afterAll(async () => {
  await inbound?.stop();
  await gpg?.dispose();
  await t.close();
});

/** GnuPG's sign-and-encrypt of `text` to the team key, by the reporter's key (armoured). */
async function signAndEncrypt(text: string): Promise<string> {
  const input = await gpg.write(`in-${++seq}.txt`, text);
  const out = `${input}.asc`;
  const res = await gpg.gpg(
    '--trust-model',
    'always',
    '--armor',
    '--local-user',
    REPORTER,
    '--recipient',
    teamFingerprint,
    '--sign',
    '--encrypt',
    '--output',
    out,
    input,
  );
  expect(res.code).toBe(0);
  return (await import('node:fs')).readFileSync(out, 'utf8');
}

describe.skipIf(!ready)('mail in over SMTP', () => {
  let firstReportId = '';
  let firstMessageId = '';

  it('turns a PGP/MIME message signed and encrypted by GnuPG into an urgent report, signature attributed to the contact, duty paged', async () => {
    const inner =
      'Content-Type: text/plain; charset=utf-8\r\n\r\nRansomware on our file server since 06:10.\r\nC2 seen: 185.22.8.45 and evil-c2.example.net\r\n';
    const armored = await signAndEncrypt(inner);
    const boundary = 'enc-boundary-1';
    const m = message({
      subject: '[URGENT] Ransomware at Constituent',
      contentType: `multipart/encrypted; protocol="application/pgp-encrypted"; boundary="${boundary}"`,
      body: [
        `--${boundary}`,
        'Content-Type: application/pgp-encrypted',
        '',
        'Version: 1',
        `--${boundary}`,
        'Content-Type: application/octet-stream; name="encrypted.asc"',
        '',
        armored,
        `--${boundary}--`,
      ].join('\n'),
    });
    const sent = await swaks(m.raw);
    expect(sent.code, sent.out).toBe(0);
    expect(sent.out).toMatch(/250 .*Message kept/);
    const got = await outcome(m.id);
    expect(got).toMatchObject({
      status: 'processed',
      encryption: 'pgp-mime',
      signature: 'valid',
      signerContactId: contactId,
      fromAddress: REPORTER,
    });
    expect(got.text).toContain('Ransomware on our file server since 06:10.');
    expect(got.reportId).not.toBeNull();
    const r = await report(got.reportId ?? '');
    expect(r).toMatchObject({ channel: 'email', urgent: true, title: '[URGENT] Ransomware at Constituent', reporterEmail: REPORTER });
    expect(r.description).toContain('Ransomware on our file server');
    expect(r.description).not.toContain('BEGIN PGP MESSAGE');
    expect(r.observables.map((o) => o.value)).toEqual(expect.arrayContaining(['185.22.8.45', 'evil-c2.example.net']));
    const paged = (await t.db.db.select().from(jobs).where(eq(jobs.name, 'reports.page-duty'))).map((j) => j.payload);
    expect(paged).toContainEqual({ reportId: r.id });
    firstReportId = r.id;
    firstMessageId = m.id;
  });

  it('reads inline PGP (signed and encrypted in the text) and says when a signature is by an unknown key', async () => {
    const armored = await signAndEncrypt('Phishing kit found at https://login-bank.example.com/kit.zip');
    const m = message({ subject: 'Phishing kit', body: `Hello,\n\n${armored}\n` });
    expect((await swaks(m.raw)).code).toBe(0);
    const got = await outcome(m.id);
    expect(got).toMatchObject({ status: 'processed', encryption: 'pgp-inline', signature: 'valid' });
    expect((await report(got.reportId ?? '')).description).toContain('Phishing kit found at https://login-bank.example.com/kit.zip');

    // Signed by a key the team does not know for this sender: processed, flagged unknown-key.
    const stranger = await gpgHome();
    try {
      await stranger.gpg(
        '--passphrase',
        '',
        '--pinentry-mode',
        'loopback',
        '--quick-gen-key',
        'Stranger <x@elsewhere.example>',
        'ed25519',
        'sign',
        'never',
      );
      const signed = await stranger.gpg(
        '--armor',
        '--clearsign',
        '--output',
        '-',
        await stranger.write('m.txt', 'Scan from 203.0.113.7\n'),
      );
      const clear = signed.stdout.slice(signed.stdout.indexOf('-----BEGIN PGP SIGNED'));
      const m2 = message({ subject: 'Scan', body: clear });
      expect((await swaks(m2.raw)).code).toBe(0);
      expect(await outcome(m2.id)).toMatchObject({
        status: 'processed',
        signature: 'unknown-key',
        encryption: 'none',
        signerContactId: null,
      });
    } finally {
      await stranger.dispose();
    }
  });

  it('threads a reply onto the same report: by In-Reply-To, and separately by the reference in the subject only', async () => {
    const before = (await mailbox()).filter((m) => m.reportId === firstReportId).length;
    const byHeader = message({ subject: 'Re: our ransomware', body: 'The backups are safe.', headers: { 'In-Reply-To': firstMessageId } });
    expect((await swaks(byHeader.raw)).code).toBe(0);
    expect(await outcome(byHeader.id)).toMatchObject({ status: 'processed', reportId: firstReportId });
    const reference = (await report(firstReportId)).reference;
    const bySubject = message({ subject: `Update [${reference}]`, body: 'Two more servers hit.' });
    expect((await swaks(bySubject.raw)).code).toBe(0);
    expect(await outcome(bySubject.id)).toMatchObject({ status: 'processed', reportId: firstReportId });
    expect((await mailbox(`&reportId=${firstReportId}`)).length).toBe(before + 2);
  });

  it('keeps auto-replies, bounces and loops without opening reports', async () => {
    const cases = [
      message({ subject: 'Out of office', body: 'I am away.', headers: { 'Auto-Submitted': 'auto-replied' } }),
      message({ subject: 'Vacation', body: 'Away', headers: { Precedence: 'bulk' } }),
      message({
        subject: 'Undelivered Mail Returned to Sender',
        contentType: 'multipart/report; report-type=delivery-status; boundary="b"',
        body: '--b\nContent-Type: text/plain\n\nThe mail could not be delivered.\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example\n\nFinal-Recipient: rfc822; x@y.example\nAction: failed\nStatus: 5.1.1\n--b--',
      }),
      message({ subject: 'Re: acknowledgment', body: 'loop', headers: { 'X-Tocsin-Loop': 'csirt.example.org' } }),
    ];
    const codes: string[] = [];
    for (const c of cases) {
      expect((await swaks(c.raw)).code).toBe(0);
      const got = await outcome(c.id);
      expect(got.status).toBe('ignored');
      expect(got.reportId).toBeNull();
      codes.push(got.reasonCode ?? '');
    }
    expect(codes).toEqual(['auto-reply', 'auto-reply', 'bounce', 'loop']);
  });

  it('quarantines what it cannot read, keeps it, and processes it again on request', async () => {
    const broken = message({
      subject: 'Encrypted',
      contentType: 'multipart/encrypted; protocol="application/pgp-encrypted"; boundary="q"',
      body: '--q\nContent-Type: application/pgp-encrypted\n\nVersion: 1\n--q\nContent-Type: application/octet-stream\n\n-----BEGIN PGP MESSAGE-----\n\nhQEMA5truncated\n-----END PGP MESSAGE-----\n--q--',
    });
    expect((await swaks(broken.raw)).code).toBe(0);
    const got = await outcome(broken.id);
    expect(got).toMatchObject({ status: 'quarantined', reasonCode: 'cannot-decrypt', reportId: null });
    expect(got.rawSize).toBeGreaterThan(100);
    expect((await mailbox('&status=quarantined')).map((m) => m.id)).toContain(got.id);
    const again = await t.app.inject({ method: 'POST', url: `/api/mailbox/${got.id}/reprocess`, headers: analyst.headers });
    expect(again.statusCode).toBe(200);
    expect(again.json<MailMessage>()).toMatchObject({ status: 'quarantined', attempts: 2 });
    const done = (await mailbox()).find((m) => m.status === 'processed');
    const refused = await t.app.inject({ method: 'POST', url: `/api/mailbox/${done?.id}/reprocess`, headers: analyst.headers });
    expect(refused.statusCode).toBe(409);
  });

  it('refuses at the door what it will not keep: unknown recipients (550) and messages over the size limit (552)', async () => {
    const m = message({ subject: 'Hello', body: 'x' });
    const unknown = await swaks(m.raw, { to: 'someone-else@team.example' });
    expect(unknown.code).not.toBe(0);
    expect(unknown.out).toMatch(/550/);
    const big = message({ subject: 'Big', body: 'A'.repeat(3 * 1024 * 1024) });
    const tooBig = await swaks(big.raw);
    expect(tooBig.out).toMatch(/552/);
    expect((await mailbox()).map((x) => x.messageId)).not.toContain(big.id);
  });

  it('shows the mailbox to the team only', async () => {
    const viewer = await t.as('viewer');
    expect((await t.app.inject({ url: '/api/mailbox', headers: viewer.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/mailbox' })).statusCode).toBe(401);
  });
});
