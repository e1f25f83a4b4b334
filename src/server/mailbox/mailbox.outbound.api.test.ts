// Mail out, checked with real GnuPG: a notification to a contact with a key leaves PGP/MIME encrypted and signed
// (gpg decrypts it and verifies the team's signature); one to an address without a key leaves signed (gpg verifies
// the detached signature over the exact part); each is written whole to the outgoing folder, kept in the mailbox
// on its report, and a reply naming its Message-ID joins that report.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { testApp, type TestApp, type Session } from '#tests/helpers/test-app';
import { gpgHome, hasGpg, type GpgHome } from '#tests/helpers/gpg';
import { deriveSecrets } from '#server/instance-secret';
import { fileAttachmentStore } from '#server/storage/storage';
import { folderTransport } from '#server/mail/transport';
import { splitSigned } from '#server/mail/mime';
import { teamKeys } from '#server/team/team.table';
import { outboxMessages } from '#server/outbox/outbox.table';
import { queueEmails } from '#server/outbox/outbox.service';
import { createOrg, publicReport } from '#server/reports/reports.test-helpers';
import { deliverPending, type OutboundDeps } from './outbound';
import { processMessage, receiveMessage, type MailboxDeps } from './mailbox.service';
import { mailMessages } from './mailbox.table';
import type { ReportReceipt } from '#shared/reports/reports.schemas';

const CONTACT = 'soc@constituent.example';
let t: TestApp;
let analyst: Session;
let gpg: GpgHome;
let outDir: string;
let deps: OutboundDeps & MailboxDeps;
let teamFingerprint = '';

beforeAll(async () => {
  t = await testApp();
  analyst = await t.as('analyst');
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tocsin-mail-out-'));
  deps = {
    storage: fileAttachmentStore(t.attachmentsDir),
    teamKeyPassphrase: deriveSecrets('test-instance-secret-of-32-characters!').teamKeyPassphrase,
    transport: folderTransport(outDir),
    host: 'csirt.example.org',
    publicBase: 'https://csirt.example.org',
  };
  if (!hasGpg) return;
  const admin = await t.as('admin');
  const gen = await t.app.inject({
    method: 'POST',
    url: '/api/team/keys/generate',
    headers: admin.headers,
    payload: { name: 'Test CSIRT', email: 'csirt@team.example' },
  });
  teamFingerprint = gen.json<{ key: { fingerprint: string } }>().key.fingerprint;
  const [key] = await t.db.db.select().from(teamKeys).where(eq(teamKeys.fingerprint, teamFingerprint));
  gpg = await gpgHome();
  await gpg.gpg('--import', await gpg.write('team.asc', key?.armoredPublic ?? ''));
  // The contact's key: one that can be encrypted to.
  await gpg.gpg('--passphrase', '', '--pinentry-mode', 'loopback', '--quick-gen-key', `SOC <${CONTACT}>`, 'default', 'default', 'never');
  const exported = await gpg.gpg('--armor', '--export', CONTACT);
  const org = await createOrg(t, analyst, 'Constituent');
  const contact = await t.app.inject({
    method: 'POST',
    url: `/api/organisations/${org.id}/contacts`,
    headers: analyst.headers,
    payload: { name: 'SOC', email: CONTACT, pgpKey: exported.stdout.slice(exported.stdout.indexOf('-----BEGIN')) },
  });
  expect(contact.statusCode).toBe(201);
}, 60_000);

afterAll(async () => {
  await gpg?.dispose();
  await t.close();
  fs.rmSync(outDir, { recursive: true, force: true });
});

const written = () => fs.readdirSync(outDir).filter((f) => f.endsWith('.eml'));

describe.skipIf(!hasGpg)('mail out', () => {
  let reportId = '';
  let encryptedMessageId = '';

  it('encrypts to a contact with a key and signs with the team key: GnuPG decrypts it and verifies the signature', async () => {
    const receipt = (
      await t.app.inject({ method: 'POST', url: '/api/public/reports', payload: publicReport({ title: 'Scan seen' }) })
    ).json<ReportReceipt>();
    reportId = receipt.id;
    await queueEmails(t.db.db, [
      {
        recipient: CONTACT,
        subject: `[${receipt.reference}] Votre signalement — accusé de réception`,
        body: 'Nous avons bien reçu votre signalement.\nRéférence : ' + receipt.reference,
        related: ['report', receipt.id],
      },
    ]);
    expect(await deliverPending(t.systemCtx(), deps)).toEqual({ sent: 1, failed: 0 });
    const [file] = written();
    const raw = fs.readFileSync(path.join(outDir, file ?? ''), 'utf8');
    expect(raw).toMatch(/^Content-Type: multipart\/encrypted; protocol="application\/pgp-encrypted"/m);
    expect(raw).toMatch(/^Auto-Submitted: auto-generated$/m);
    expect(raw).not.toContain('Nous avons bien reçu');
    const armored = raw.slice(raw.indexOf('-----BEGIN PGP MESSAGE-----'), raw.indexOf('-----END PGP MESSAGE-----') + 25);
    const out = await gpg.gpg('--decrypt', '--output', '-', await gpg.write('m.asc', armored));
    expect(out.code, out.stdout).toBe(0);
    expect(out.stdout).toMatch(new RegExp(`\\[GNUPG:\\] VALIDSIG ${teamFingerprint}`));
    // The decrypted entity is the text part (base64, UTF-8).
    expect(out.stdout).toContain('Content-Type: text/plain; charset=utf-8');
    const body = out.stdout.slice(out.stdout.indexOf('\r\n\r\n') + 4).split('[GNUPG:]')[0] ?? '';
    expect(Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')).toContain('Nous avons bien reçu votre signalement.');
    const row = (await t.db.db.select().from(outboxMessages))[0];
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
    encryptedMessageId = row?.messageId ?? '';
    const kept = (await t.db.db.select().from(mailMessages).where(eq(mailMessages.messageId, encryptedMessageId)))[0];
    expect(kept).toMatchObject({ direction: 'out', channel: 'file', encryption: 'pgp-mime', signature: 'valid', reportId });
    const listed = await t.app.inject({ url: '/api/mailbox?direction=out', headers: analyst.headers });
    expect(listed.json<{ items: { messageId: string; direction: string }[] }>().items).toEqual([
      expect.objectContaining({ messageId: encryptedMessageId, direction: 'out' }),
    ]);
    // Delivered once: nothing more to send.
    expect(await deliverPending(t.systemCtx(), deps)).toEqual({ sent: 0, failed: 0 });
  });

  it('signs a message to an address without a key: the detached signature verifies over the exact signed part', async () => {
    await queueEmails(t.db.db, [
      {
        recipient: 'someone@nokey.example',
        subject: 'Page: urgent report',
        body: 'An urgent report waits.',
        related: ['report', reportId],
      },
    ]);
    expect(await deliverPending(t.systemCtx(), deps)).toEqual({ sent: 1, failed: 0 });
    const file = written().find((f) => !fs.readFileSync(path.join(outDir, f), 'utf8').includes('multipart/encrypted')) ?? '';
    const raw = fs.readFileSync(path.join(outDir, file));
    const boundary = /boundary="([^"]+)"/.exec(raw.toString('latin1'))?.[1] ?? '';
    const { signed, signatureRaw } = splitSigned(raw, boundary);
    const signature = signatureRaw.toString('latin1').slice(signatureRaw.indexOf('-----BEGIN'));
    const verified = await gpg.gpg('--verify', await gpg.write('s.asc', signature), await gpg.write('part.txt', signed.toString('latin1')));
    expect(verified.code, verified.stdout).toBe(0);
    expect(verified.stdout).toMatch(new RegExp(`VALIDSIG ${teamFingerprint}`));
    const tampered = Buffer.from(signed.toString('latin1').replace('base64', 'BASE64'), 'latin1');
    expect(
      (await gpg.gpg('--verify', await gpg.write('s2.asc', signature), await gpg.write('part2.txt', tampered.toString('latin1')))).code,
    ).not.toBe(0);
  });

  it('threads a reply naming the sent Message-ID onto the report', async () => {
    const reply = Buffer.from(
      `From: SOC <${CONTACT}>\r\nTo: csirt@team.example\r\nSubject: Re: accusé de réception\r\nMessage-ID: <reply-1@constituent.example>\r\nIn-Reply-To: ${encryptedMessageId}\r\n\r\nMerci, voici les journaux.\r\n`,
    );
    const row = await receiveMessage(t.systemCtx(), deps, reply, {
      channel: 'smtp',
      from: CONTACT,
      to: ['csirt@team.example'],
      remoteAddress: null,
    });
    expect(await processMessage(t.systemCtx(), deps, row.id)).toMatchObject({ status: 'processed', reportId });
  });

  it('retries a failed delivery later, and keeps the message pending meanwhile', async () => {
    await queueEmails(t.db.db, [{ recipient: 'later@example.org', subject: 'Retry', body: 'x', related: ['report', reportId] }]);
    const broken: OutboundDeps = { ...deps, transport: { kind: 'file', send: () => Promise.reject(new Error('relay unreachable')) } };
    expect(await deliverPending(t.systemCtx(), broken)).toEqual({ sent: 0, failed: 1 });
    const [row] = await t.db.db.select().from(outboxMessages).where(eq(outboxMessages.recipient, 'later@example.org'));
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'relay unreachable' });
    expect(row?.leaseUntil?.getTime()).toBeGreaterThan(Date.now());
    // Not before its time: nothing is tried now; after it, it goes.
    expect(await deliverPending(t.systemCtx(), deps)).toEqual({ sent: 0, failed: 0 });
    const later = { ...t.systemCtx(), clock: { now: () => new Date(Date.now() + 61_000) } };
    expect(await deliverPending(later, deps)).toEqual({ sent: 1, failed: 0 });
  });
});
