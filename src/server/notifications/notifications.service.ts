// Use cases of notifications: notify users in the caller's transaction (with an e-mail copy in the outbox
// when asked), list one's own (unacknowledged first), acknowledge one's own.
import type { Ctx } from '../ctx';
import type { Db } from '../db/client';
import { AppError } from '../http/errors';
import { recordAudit } from '../audit/audit.service';
import { queueEmails } from '../outbox/outbox.service';
import * as repo from './notifications.repo';
import { localesOf } from '../users/users.service';
import type { NotificationRow } from './notifications.table';
import type { Notification, NotificationKind, NotificationList, NotificationQuery } from '#shared/duty/duty.schemas';

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
  message: Localised;
  at: Date;
  /** An e-mail copy to each recipient (pages and escalations), queued in the same transaction. */
  email?: { subject: Localised; body: Localised };
}

/** A time in notifications: minute precision, UTC, the same in both languages. */
export const notificationTime = (d: Date | null | undefined): string => (d ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—');

const TARGETS: Record<string, Localised> = {
  acknowledge: { en: 'acknowledgement', fr: 'accusé de réception' },
  triage: { en: 'triage', fr: 'tri' },
  'first-action': { en: 'first action', fr: 'première action' },
};
/** The name of an SLA target in each language. */
export const targetName = (target: string): Localised => TARGETS[target] ?? { en: target, fr: target };

export function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    message: row.message,
    createdAt: row.createdAt.toISOString(),
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
  };
}

/** Records one notification per distinct recipient; returns them. Runs in the caller's transaction. */
export async function notify(tx: Db, input: NotifyInput): Promise<NotificationRow[]> {
  const recipients = [...new Map(input.recipients.map((r) => [r.userId, r])).values()];
  if (!recipients.length) return [];
  const locales = await localesOf(tx, recipients.map((r) => r.userId));
  const lang = (r: Recipient) => locales.get(r.userId) ?? 'en';
  const rows = await repo.insertNotifications(
    tx,
    recipients.map((r) => ({ userId: r.userId, kind: input.kind, subjectType: input.subject[0], subjectId: input.subject[1], message: input.message[lang(r)], createdAt: input.at })),
  );
  const email = input.email;
  if (email) {
    await queueEmails(tx, recipients.map((r) => ({ recipient: r.email, subject: email.subject[lang(r)], body: email.body[lang(r)], related: [input.subject[0], input.subject[1]] as [string, string] })));
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
    await recordAudit(tx, ctx, { action: 'notification.acknowledge', entity: ['notification', id], summary: { kind: row.kind, subjectType: row.subjectType, subjectId: row.subjectId } });
    return toNotification(row);
  });
}

export const findNotificationRow = (db: Db, id: string) => repo.findNotification(db, id);
export const notificationsOfSubject = (db: Db, subject: NotificationSubject) => repo.listForSubject(db, subject[0], subject[1]);
