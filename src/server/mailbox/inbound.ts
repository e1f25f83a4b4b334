// Mail in, as the server runs it: the SMTP listener (when configured) keeps each message and then processes it
// at once, out of the sender's way; messages a crash or a stop left unprocessed are taken up at start and every
// minute. Processing never throws for a message: it ends processed, ignored or quarantined (mailbox.service.ts).
import type { Logger } from 'pino';
import type { Ctx } from '#server/ctx';
import { startSmtpListener, type SmtpListener } from '#server/mail/smtp-listener';
import { MAX_MESSAGE_BYTES, processMessage, processPending, receiveMessage, type MailboxDeps } from './mailbox.service';

export interface InboundOptions {
  deps: MailboxDeps;
  smtp: { port: number; host: string; maxBytes: number; recipients: string[]; tls?: { key: Buffer; cert: Buffer } | undefined } | null;
  makeCtx: (label: string) => Ctx;
  log: Logger;
  /** How often interrupted messages are looked for (ms). */
  sweepMs?: number;
}

export interface Inbound {
  smtpPort: number | null;
  stop(): Promise<void>;
}

export async function startInbound(opts: InboundOptions): Promise<Inbound> {
  const inFlight = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };
  const sweep = () =>
    track(processPending(opts.makeCtx('mailbox'), opts.deps).catch((err: unknown) => opts.log.error({ err }, 'mailbox sweep failed')));
  let listener: SmtpListener | null = null;
  if (opts.smtp) {
    listener = await startSmtpListener({
      ...opts.smtp,
      maxBytes: Math.min(opts.smtp.maxBytes, MAX_MESSAGE_BYTES),
      log: opts.log,
      async onMessage(raw, envelope) {
        const ctx = opts.makeCtx('mailbox');
        const row = await receiveMessage(ctx, opts.deps, raw, { channel: 'smtp', ...envelope });
        track(
          processMessage(ctx, opts.deps, row.id, raw).catch((err: unknown) =>
            opts.log.error({ err, mail: row.id }, 'mail processing failed'),
          ),
        );
      },
    });
    opts.log.info({ port: listener.port, recipients: opts.smtp.recipients }, 'SMTP listener ready');
  }
  // The first look a moment after start: the first pages asked for come first.
  const first = setTimeout(sweep, 1_000);
  first.unref();
  const timer = setInterval(sweep, opts.sweepMs ?? 60_000);
  timer.unref();
  return {
    smtpPort: listener?.port ?? null,
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await listener?.close();
      await Promise.allSettled([...inFlight]);
    },
  };
}
