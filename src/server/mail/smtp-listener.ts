// The SMTP listener adapter (smtp-server): receives messages for the allowed recipient addresses, refuses the rest
// at RCPT TO, refuses a message larger than the limit (552) without keeping any of it, and answers 250 only once
// `onMessage` resolved (the message is durably kept); when it rejects, the sender is told to try again later (451).
// No authentication, no relaying: it only takes mail for the team. STARTTLS when a key and certificate are given.
import type { SMTPServerOptions } from 'smtp-server';
import type { Logger } from 'pino';

export interface SmtpEnvelope {
  from: string | null;
  to: string[];
  remoteAddress: string | null;
}

export interface SmtpListenerOptions {
  port: number;
  host: string;
  /** Largest message accepted, in bytes (announced with SIZE). */
  maxBytes: number;
  /** Recipient addresses accepted (lower case); every other one is refused with 550. */
  recipients: string[];
  tls?: { key: Buffer; cert: Buffer } | undefined;
  /** Keeps the message; the sender gets 250 only once this resolved. */
  onMessage(raw: Buffer, envelope: SmtpEnvelope): Promise<void>;
  log: Logger;
}

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

export async function startSmtpListener(opts: SmtpListenerOptions): Promise<SmtpListener> {
  const allowed = new Set(opts.recipients.map((r) => r.toLowerCase()));
  const options: SMTPServerOptions = {
    name: 'tocsin',
    banner: 'Tocsin mailbox',
    authOptional: true,
    disabledCommands: opts.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    hideSTARTTLS: !opts.tls,
    ...(opts.tls ? { key: opts.tls.key, cert: opts.tls.cert } : {}),
    size: opts.maxBytes,
    logger: false,
    // Why so few: each connection may hold a message of up to the size limit in memory until it is stored.
    maxClients: 20,
    onRcptTo(address, session, callback) {
      // A message to thousands of our addresses is refused past the hundredth, not stored a thousand times.
      if (session.envelope.rcptTo.length >= 100) return callback(smtpError(452, 'Too many recipients'));
      if (!allowed.has(address.address.toLowerCase())) return callback(smtpError(550, `No mailbox here for ${address.address}`));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // Past the limit nothing more is kept; smtp-server flags sizeExceeded at the end.
        if (size <= opts.maxBytes) chunks.push(chunk);
      });
      stream.once('error', (err) => callback(err));
      stream.once('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded || size > opts.maxBytes) {
          callback(smtpError(552, `Message larger than ${opts.maxBytes} bytes`));
          return;
        }
        const mailFrom = session.envelope.mailFrom;
        const envelope: SmtpEnvelope = {
          from: mailFrom === false ? null : mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          remoteAddress: session.remoteAddress ?? null,
        };
        opts.onMessage(Buffer.concat(chunks), envelope).then(
          () => callback(null, 'Message kept'),
          (err: unknown) => {
            opts.log.error({ err }, 'an incoming message could not be kept; the sender will retry');
            callback(smtpError(451, 'Temporary failure, try again later'));
          },
        );
      });
    },
  };
  // Loaded only when the listener is configured.
  const { SMTPServer } = await import('smtp-server');
  const server = new SMTPServer(options);
  server.on('error', (err) => opts.log.warn({ err }, 'SMTP connection error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : opts.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
