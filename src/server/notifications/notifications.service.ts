// Use cases of notifications: notify users in the caller's transaction (with an e-mail copy in the outbox
// when asked), list one's own (unacknowledged first), acknowledge one's own.
import { DateTime } from 'luxon';
import type { Ctx } from '#server/ctx';
import type { Db } from '#server/db/client';
import { AppError } from '#server/http/errors';
import { recordAudit } from '#server/audit/audit.service';
import { queueEmails } from '#server/outbox/outbox.service';
import * as repo from './notifications.repo';
import { localesOf } from '#server/users/users.service';
import type { NotificationRow } from './notifications.table';
import type { Notification, NotificationKind, NotificationList, NotificationQuery } from '#shared/duty/duty.schemas';
import type { MessageParams, MessageRef } from '#shared/messages';
import type { Described } from '#server/policy/disclosure';

export type NotificationSubject = [type: NotificationRow['subjectType'], id: string];

export interface Recipient {
  userId: string;
  email: string;
}

/** A text in both languages of the interface; each recipient gets the one of its account. */
export interface Localised {
  en: string;
  fr: string;
}

export interface NotifyInput {
  recipients: Recipient[];
  kind: NotificationKind;
  subject: NotificationSubject;
  /** The text in each language, stored as written for API clients. */
  message: Localised;
  /** The same message as an i18n key with parameters: the web renders it in the reader's language and time zone. */
  ref: MessageRef;
  at: Date;
  /** An e-mail copy to each recipient (pages and escalations), queued in the same transaction. */
  email?: { subject: Localised; body: Localised };
}

/** A message both as stored text in each language and as a key with parameters (see NotifyInput). */
export interface Said {
  text: Localised;
  ref: MessageRef;
}

/**
 * A time in e-mail copies: minute precision in the team's time zone, the zone named with its offset,
 * e.g. "2026-03-02 14:30 (Europe/Paris, UTC+01:00)". A mail client cannot convert a time written in a text.
 */
export const zonedTime = (d: Date, zone: string): string => {
  const t = DateTime.fromJSDate(d, { zone });
  return t.isValid ? `${t.toFormat('yyyy-MM-dd HH:mm')} (${zone}, UTC${t.toFormat('ZZ')})` : notificationTime(d);
};

/** A time in the stored text of notifications: minute precision, UTC, the same in both languages. */
export const notificationTime = (d: Date | null | undefined): string => (d ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—');

const TARGETS: Record<string, Localised> = {
  acknowledge: { en: 'acknowledgement', fr: 'accusé de réception' },
  triage: { en: 'triage', fr: 'tri' },
  'first-action': { en: 'first action', fr: 'première action' },
};
/** The name of an SLA target in each language. */
export const targetName = (target: string): Localised => TARGETS[target] ?? { en: target, fr: target };

/** A message key of the web bundles (`notifications.message.<name>`) with its parameters. */
export const notificationRef = (name: string, params: MessageParams = {}): MessageRef => ({ key: `notifications.message.${name}`, params });

/**
 * What a notification is about, as the policy described it for its recipients (policy/disclosure.ts
 * `describeFor`, channel 'notification'): reference and title, or the reference alone (context `red`).
 * This module renders the decision; it never makes it.
 */
export function aboutParams(d: Described): MessageParams {
  const reference = d.reference ?? '—';
  return d.title === null ? { reference, title: null, ...(d.red ? { context: 'red' } : {}) } : { reference, title: d.title };
}

/** The same in a stored text: "TOC-2026-000123: title", or "TOC-2026-000123 (TLP:RED)". `sep` is ':' in English, ' :' in French. */
export function aboutText(d: Described, sep: string): string {
  const reference = d.reference ?? '—';
  if (d.title !== null) return `${reference}${sep} ${d.title}`;
  return d.red ? `${reference} (TLP:RED)` : reference;
}

export function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    message: row.message,
    messageKey: row.messageKey ?? null,
    messageParams: row.messageParams ?? {},
    createdAt: row.createdAt.toISOString(),
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
  };
}

/** Records one notification per distinct recipient; returns them. Runs in the caller's transaction. */
export async function notify(tx: Db, input: NotifyInput): Promise<NotificationRow[]> {
  const recipients = [...new Map(input.recipients.map((r) => [r.userId, r])).values()];
  if (!recipients.length) return [];
  const locales = await localesOf(
    tx,
    recipients.map((r) => r.userId),
  );
  const lang = (r: Recipient) => locales.get(r.userId) ?? 'en';
  const rows = await repo.insertNotifications(
    tx,
    recipients.map((r) => ({
      userId: r.userId,
      kind: input.kind,
      subjectType: input.subject[0],
      subjectId: input.subject[1],
      message: input.message[lang(r)],
      messageKey: input.ref.key,
      messageParams: input.ref.params,
      createdAt: input.at,
    })),
  );
  const email = input.email;
  if (email) {
    await queueEmails(
      tx,
      recipients.map((r) => ({
        recipient: r.email,
        subject: email.subject[lang(r)],
        body: email.body[lang(r)],
        related: [input.subject[0], input.subject[1]] as [string, string],
      })),
    );
  }
  return rows;
}

function me(ctx: Ctx): string {
  if (ctx.actor.kind !== 'user') throw new AppError('unauthenticated');
  return ctx.actor.id;
}

export async function listMyNotifications(ctx: Ctx, q: NotificationQuery): Promise<NotificationList> {
  const { rows, unacknowledged } = await repo.listForUser(ctx.db, me(ctx), q.limit);
  return { items: rows.map(toNotification), unacknowledged };
}

/** Acknowledges one of the caller's notifications. Someone else's answers 404, like a missing one. */
export async function acknowledgeNotification(ctx: Ctx, id: string): Promise<Notification> {
  const userId = me(ctx);
  return ctx.db.transaction(async (tx) => {
    const row = await repo.acknowledge(tx, userId, id, ctx.clock.now());
    // Why: answering 404 (not 403) for another user's notification reveals nothing about it.
    if (!row) throw new AppError('not-found', { detail: `You have no notification ${id}` });
    await recordAudit(tx, ctx, {
      action: 'notification.acknowledge',
      entity: ['notification', id],
      summary: { kind: row.kind, subjectType: row.subjectType, subjectId: row.subjectId },
    });
    return toNotification(row);
  });
}

/** For jobs (a page's escalation check): a notification whoever it belongs to. */
export const unsafeFindNotificationRow = (db: Db, id: string) => repo.unsafeFindNotification(db, id);
/** For jobs and tests: every notification about a subject, whoever it was sent to. */
export const unsafeNotificationsOfSubject = (db: Db, subject: NotificationSubject) => repo.unsafeListForSubject(db, subject[0], subject[1]);
