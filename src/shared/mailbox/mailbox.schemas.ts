// The mailbox API contract: messages received by the team (and, later, sent), what became of each, and why.
import { z } from 'zod';

export const MailStatus = z.enum(['received', 'processed', 'ignored', 'quarantined']);
export type MailStatus = z.infer<typeof MailStatus>;

/**
 * Why a message was ignored or quarantined. Ignored (kept, never a report): auto-reply, bounce, loop.
 * Quarantined (kept, processed again on request): malformed, cannot-decrypt, too-large, failed.
 */
export const MailReasonCode = z.enum(['auto-reply', 'bounce', 'loop', 'malformed', 'cannot-decrypt', 'too-large', 'failed']);
export type MailReasonCode = z.infer<typeof MailReasonCode>;

export const MailMessage = z.object({
  id: z.string(),
  direction: z.enum(['in', 'out']),
  channel: z.enum(['smtp', 'imap', 'file']),
  status: MailStatus,
  reasonCode: MailReasonCode.nullable(),
  reason: z.string().nullable(),
  rawSha256: z.string(),
  rawSize: z.number(),
  envelopeFrom: z.string().nullable(),
  envelopeTo: z.array(z.string()),
  messageId: z.string().nullable(),
  inReplyTo: z.string().nullable(),
  fromAddress: z.string().nullable(),
  fromName: z.string().nullable(),
  toAddresses: z.array(z.string()),
  subject: z.string().nullable(),
  sentAt: z.string().nullable(),
  text: z.string().nullable(),
  encryption: z.enum(['none', 'pgp-mime', 'pgp-inline']).nullable(),
  signature: z.enum(['none', 'valid', 'unknown-key', 'bad']).nullable(),
  signerKey: z.string().nullable(),
  signerContactId: z.string().nullable(),
  attachments: z.array(z.object({ filename: z.string(), sha256: z.string(), size: z.number(), mediaType: z.string() })),
  reportId: z.string().nullable(),
  incidentId: z.string().nullable(),
  attempts: z.number(),
  receivedAt: z.string(),
  processedAt: z.string().nullable(),
});
export type MailMessage = z.infer<typeof MailMessage>;

export const MailboxQuery = z
  .object({
    status: MailStatus.optional(),
    direction: z.enum(['in', 'out']).optional(),
    unthreaded: z.enum(['true', 'false']).optional(),
    reportId: z.string().uuid().optional(),
    before: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type MailboxQuery = z.infer<typeof MailboxQuery>;

export const MailboxPage = z.object({ items: z.array(MailMessage), nextBefore: z.string().nullable() });
export type MailboxPage = z.infer<typeof MailboxPage>;
