// Mail intake: messages sent over SMTP (10 connections, one message after another on each) to the real server's
// built-in listener, timed until the last one is a stored report (parsed, decrypted, observables extracted and
// matched against 10,000 assets, clocks started, audited). Plain messages, then PGP/MIME messages encrypted to the
// team key (encrypted beforehand: encrypting is the sender's work). Beside them, in the same run, the web form's
// intake (POST /api/public/reports, 10 clients) on the same server.
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { DURATION, RUNS, enginesToRun, figure, fmt, freePort, load, median, sleep, withEngine } from './lib';
import { reportMaker, seedConstituents } from './seed';
import { createApiToken, startTocsin } from './tocsin-process';
import { deriveSecrets } from '#server/instance-secret';
import { generateKey } from '#server/team/team-keys';
import { JobQueue } from '#server/jobs/queue';
import { systemClock } from '#server/ctx';
import pino from 'pino';

const ASSETS = 10_000;
const CLIENTS = 10;
const TEAM = 'csirt@bench.example';
const SECRET = randomBytes(32).toString('base64url');

/** A minimal SMTP client on one connection: sends messages one after another, resolving each on its 250. */
async function smtpConnection(port: number): Promise<{ send(raw: string): Promise<boolean>; close(): void }> {
  const socket = net.connect(port, '127.0.0.1');
  let buffer = '';
  let waiting: ((line: string) => void) | null = null;
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    for (;;) {
      const end = buffer.indexOf('\r\n');
      if (end < 0) break;
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      // Multi-line replies ("250-…") end with a line "250 …".
      if (/^\d{3} /.test(line) && waiting) {
        const w = waiting;
        waiting = null;
        w(line);
      }
    }
  });
  const reply = () => new Promise<string>((resolve) => (waiting = resolve));
  const command = async (text: string) => {
    const r = reply();
    socket.write(`${text}\r\n`);
    return r;
  };
  await reply(); // banner
  await command('EHLO bench.example');
  return {
    async send(raw) {
      if (!(await command(`MAIL FROM:<soc@constituent.example>`)).startsWith('250')) return false;
      if (!(await command(`RCPT TO:<${TEAM}>`)).startsWith('250')) return false;
      if (!(await command('DATA')).startsWith('354')) return false;
      const dotted = raw.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
      return (await command(`${dotted}\r\n.`)).startsWith('250');
    },
    close() {
      socket.end('QUIT\r\n');
    },
  };
}

/** Sends messages from `next` on CLIENTS connections for DURATION seconds; the number accepted (250). */
async function sendFor(port: number, next: () => string): Promise<{ accepted: number; refused: number; seconds: number }> {
  const connections = await Promise.all(Array.from({ length: CLIENTS }, () => smtpConnection(port)));
  let accepted = 0;
  let refused = 0;
  const t0 = performance.now();
  const until = t0 + DURATION * 1000;
  await Promise.all(
    connections.map(async (c) => {
      while (performance.now() < until) {
        if (await c.send(next())) accepted++;
        else refused++;
      }
      c.close();
    }),
  );
  return { accepted, refused, seconds: (performance.now() - t0) / 1000 };
}

/** Waits until the mailbox holds no message still being processed; the time it took (s). */
async function drained(url: string, token: string): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    const res = await fetch(`${url}/api/mailbox?status=received&limit=1`, { headers: { authorization: `Bearer ${token}` } });
    const page = (await res.json()) as { items: unknown[] };
    if (page.items.length === 0) return (performance.now() - t0) / 1000;
    await sleep(20);
  }
}

async function countByStatus(url: string, token: string, status: string): Promise<number> {
  let n = 0;
  let before: string | null = null;
  do {
    const res = await fetch(`${url}/api/mailbox?status=${status}&limit=200${before ? `&before=${encodeURIComponent(before)}` : ''}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const page = (await res.json()) as { items: unknown[]; nextBefore: string | null };
    n += page.items.length;
    before = page.nextBefore;
  } while (before);
  return n;
}

function mailFrom(body: () => string): () => string {
  let n = 0;
  return () => {
    const r = JSON.parse(body()) as { title: string; description: string; evidence?: string };
    return [
      'From: SOC <soc@constituent.example>',
      `To: ${TEAM}`,
      `Subject: ${r.title}`,
      `Message-ID: <bench-${process.pid}-${++n}-${Date.now()}@constituent.example>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      `${r.description}\n${r.evidence ?? ''}`,
    ].join('\r\n');
  };
}

for (const name of await enginesToRun()) {
  await withEngine(name, async (engine) => {
    console.log(`${name}: ${fmt(ASSETS)} constituent assets, a team key`);
    const database = await engine.open();
    let teamPublic = '';
    try {
      await seedConstituents(database, 500, ASSETS);
      const ctx = {
        db: database.db,
        actor: { kind: 'system' as const, label: 'bench' },
        jobs: new JobQueue(database.db),
        clock: systemClock,
        log: pino({ level: 'silent' }),
        origin: {},
      };
      await generateKey(ctx, { name: 'Bench CSIRT', email: TEAM }, deriveSecrets(SECRET).teamKeyPassphrase, {
        name: undefined,
        email: undefined,
      });
      const { teamKeys } = await import('#server/team/team.table');
      const [key] = await database.db.select().from(teamKeys);
      teamPublic = key?.armoredPublic ?? '';
    } finally {
      await database.close();
    }
    // PGP/MIME messages encrypted to the team key, prepared before the clock starts.
    const pgp = await import('openpgp');
    const encryptionKeys = await pgp.readKey({ armoredKey: teamPublic });
    const plainOf = mailFrom(reportMaker(3, ASSETS));
    const pool: string[] = [];
    for (let i = 0; i < 400; i++) {
      const plain = plainOf();
      const [head, ...rest] = plain.split('\r\n\r\n');
      const inner = `Content-Type: text/plain; charset=utf-8\r\n\r\n${rest.join('\r\n\r\n')}`;
      const armored = await pgp.encrypt({ message: await pgp.createMessage({ text: inner }), encryptionKeys });
      const outer = (head ?? '').replace(
        'Content-Type: text/plain; charset=utf-8',
        'Content-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary="b"',
      );
      pool.push(
        `${outer}\r\n\r\n--b\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n--b\r\nContent-Type: application/octet-stream\r\n\r\n${armored}\r\n--b--\r\n`,
      );
    }
    let pooled = 0;
    // Each use gets a Message-ID of its own: the same message twice would join the first one's report.
    const nextPgp = () =>
      (pool[pooled++ % pool.length] ?? '').replace(/Message-ID: <[^>]+>/, `Message-ID: <pgp-${pooled}-${Date.now()}@constituent.example>`);

    const smtpPort = await freePort();
    const server = await startTocsin(engine, {
      TOCSIN_PUBLIC_REPORT_RATE_LIMIT: '1000000000',
      TOCSIN_SECRET: SECRET,
      TOCSIN_SMTP_PORT: String(smtpPort),
      TOCSIN_SMTP_HOST: '127.0.0.1',
      TOCSIN_SMTP_RECIPIENTS: TEAM,
    });
    try {
      const token = await createApiToken(server.url, 'analyst');
      const web = reportMaker(5, ASSETS);
      const plain = mailFrom(reportMaker(9, ASSETS));
      await sendFor(smtpPort, plain); // warm-up
      await drained(server.url, token);
      const rates: Record<string, number[]> = { web: [], plain: [], pgp: [] };
      for (let run = 1; run <= RUNS; run++) {
        const form = await load(`${server.url}/api/public/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: web,
          connections: CLIENTS,
        });
        const measure = async (next: () => string) => {
          const sent = await sendFor(smtpPort, next);
          const rest = await drained(server.url, token);
          return { ...sent, rate: sent.accepted / (sent.seconds + rest) };
        };
        const p = await measure(plain);
        const e = await measure(nextPgp);
        rates.web?.push(form.rps);
        rates.plain?.push(p.rate);
        rates.pgp?.push(e.rate);
        console.log(
          `  run ${run}/${RUNS}: web form ${fmt(form.rps)} reports/s | mail plain ${fmt(p.rate)} messages/s (${p.accepted} accepted, ${p.refused} refused) | PGP/MIME ${fmt(e.rate)} messages/s (${e.accepted} accepted, ${e.refused} refused)`,
        );
        figure({
          name: `mail intake over SMTP, plain, ${CLIENTS} connections, to stored report`,
          engine: name,
          value: p.rate,
          unit: 'messages/s',
          baseline: { name: `web form intake, ${CLIENTS} clients`, value: form.rps, unit: 'reports/s' },
          goal: { op: '>=', value: 100, of: 'value' },
          extra: { accepted: p.accepted, refused: p.refused },
        });
        figure({
          name: `mail intake over SMTP, PGP/MIME encrypted, ${CLIENTS} connections, to stored report`,
          engine: name,
          value: e.rate,
          unit: 'messages/s',
          baseline: { name: 'the same with plain messages', value: p.rate, unit: 'messages/s' },
          goal: { op: '>=', value: 0.5, of: 'ratio' },
          extra: { accepted: e.accepted, refused: e.refused },
        });
      }
      const quarantined = await countByStatus(server.url, token, 'quarantined');
      console.log(
        `  medians: web ${fmt(median(rates.web ?? []))}, plain ${fmt(median(rates.plain ?? []))}, PGP ${fmt(median(rates.pgp ?? []))}; ${quarantined} quarantined`,
      );
      figure({
        name: 'mail intake, messages quarantined',
        engine: name,
        value: quarantined,
        unit: 'messages',
        goal: { op: '<=', value: 0, of: 'value' },
      });
      const errors = server.errorLines();
      if (errors.length) console.log(`  the server logged ${errors.length} errors, first: ${errors[0]}`);
    } finally {
      await server.stop();
    }
  });
}
