// Paging: the duty officer gets a 'page' notification and an e-mail copy; unless the page is acknowledged
// by its deadline (the subject's acknowledge or first-action clock), every lead gets an 'escalation'. What the
// e-mail copies may name of the item is the policy's answer for the team by e-mail (its reference).
import type { Ctx } from '#server/ctx';
import type { Db } from '#server/db/client';
import { recordAudit } from '#server/audit/audit.service';
import {
  notify,
  notificationRef,
  notificationTime,
  zonedTime,
  type Localised,
  type NotificationSubject,
  type Said,
} from '#server/notifications/notifications.service';
import { describeFor, type DisclosedItem } from '#server/policy/disclosure';
import { teamHours } from '#server/team/team.service';
import { dutyOfficerAt, escalationContacts } from './on-duty';
import type { SlaTarget } from '#shared/sla/sla.schemas';

export const ESCALATE_PAGE_JOB = 'duty.escalate-page';

export interface PageInput {
  subject: NotificationSubject;
  /** What the page is about, e.g. "Urgent report TOC-2026-000123: Ransomware at the hospital", in both languages and as a key. */
  about: Said;
  /** The report or incident paged about; its e-mail copy names what the policy allows (its reference). */
  item: DisclosedItem;
  /** When the page escalates if not acknowledged. */
  deadline: Date;
  /** The clock whose meeting makes the escalation moot (the team acted without acknowledging the page). */
  target: SlaTarget;
}

/** The item as an e-mail copy to the team may name it (its reference), in both languages. */
function emailName(item: DisclosedItem): Localised {
  const { reference } = describeFor({ kind: 'team' }, item, 'email');
  return reference ? { en: reference, fr: reference } : { en: 'An item', fr: 'Un élément' };
}

/** Pages the duty officer now and schedules the escalation check; returns the page's id, or null if nobody can be paged. */
export async function pageDutyOfficer(ctx: Ctx, input: PageInput): Promise<string | null> {
  const now = ctx.clock.now();
  const officer = await dutyOfficerAt(ctx.db, now);
  const deadline = input.deadline.getTime() > now.getTime() ? input.deadline : now;
  if (!officer) {
    // Nobody to page (no shift, no lead): tell whoever escalations reach, at once.
    ctx.log.warn({ subject: input.subject }, 'no duty officer to page');
    await escalate(ctx, {
      subject: input.subject,
      item: input.item,
      about: input.about,
      why: { text: { en: 'nobody is on duty', fr: 'personne n’est d’astreinte' }, ref: notificationRef('why.nobodyOnDuty') },
    });
    return null;
  }
  // Why the team's zone in e-mails: a mail client cannot convert a time in the text to the reader's zone.
  const { timeZone } = await teamHours(ctx.db);
  const by = { en: zonedTime(deadline, timeZone), fr: zonedTime(deadline, timeZone) };
  const reference = emailName(input.item);
  return ctx.db.transaction(async (tx) => {
    const [page] = await notify(tx, {
      recipients: [{ userId: officer.userId, email: officer.email }],
      kind: 'page',
      subject: input.subject,
      message: {
        en: `${input.about.text.en} (acknowledge by ${notificationTime(deadline)})`,
        fr: `${input.about.text.fr} (à acquitter avant ${notificationTime(deadline)})`,
      },
      ref: notificationRef('page', { ...input.about.ref.params, aboutKey: input.about.ref.key, deadlineAt: deadline.toISOString() }),
      at: now,
      // The e-mail copy may travel unencrypted: it says what the policy allows by e-mail; details stay behind sign-in.
      email: {
        subject: { en: `[Tocsin] Page: ${reference.en}`, fr: `[Tocsin] Astreinte : ${reference.fr}` },
        body: {
          en: `You are on duty. ${reference.en} needs you.\n\nAcknowledge the page in Tocsin by ${by.en}; otherwise the leads are alerted.\n`,
          fr: `Vous êtes d’astreinte. ${reference.fr} a besoin de vous.\n\nAcquittez l’appel dans Tocsin avant ${by.fr}, sinon les responsables seront alertés.\n`,
        },
      },
    });
    if (!page) return null;
    await ctx.jobs.enqueue(
      ESCALATE_PAGE_JOB,
      { notificationId: page.id, target: input.target },
      { runAt: deadline, singletonKey: page.id },
      tx,
    );
    await recordAudit(tx, ctx, {
      action: 'duty.page',
      entity: [input.subject[0], input.subject[1]],
      summary: { to: officer.email, source: officer.source, deadline: deadline.toISOString() },
    });
    return page.id;
  });
}

export interface Escalation {
  subject: NotificationSubject;
  /** The report or incident escalated; its e-mail copy names what the policy allows (its reference). */
  item: DisclosedItem;
  /** What is escalated (the page's or the breach's message). */
  about: Said;
  /** Why, as a clause: "nobody is on duty". */
  why: Said;
}

/** Notifies every lead (admins when there is none) with an e-mail copy, in the caller's transaction. */
export async function escalateIn(tx: Db, ctx: Ctx, e: Escalation): Promise<number> {
  const { subject, about } = e;
  const why: Localised = e.why.text;
  const reference = emailName(e.item);
  const contacts = await escalationContacts(tx);
  const rows = await notify(tx, {
    recipients: contacts.map((c) => ({ userId: c.userId, email: c.email })),
    kind: 'escalation',
    subject,
    message: { en: `Escalation (${why.en}): ${about.text.en}`, fr: `Escalade (${why.fr}) : ${about.text.fr}` },
    ref: notificationRef('escalation', { ...about.ref.params, ...e.why.ref.params, whyKey: e.why.ref.key, aboutKey: about.ref.key }),
    at: ctx.clock.now(),
    email: {
      subject: { en: `[Tocsin] Escalation: ${reference.en}`, fr: `[Tocsin] Escalade : ${reference.fr}` },
      body: {
        en: `${reference.en} is escalated to you: ${why.en}.\n\nOpen it in Tocsin.\n`,
        fr: `${reference.fr} vous est remonté : ${why.fr}.\n\nOuvrez-le dans Tocsin.\n`,
      },
    },
  });
  await recordAudit(tx, ctx, {
    action: 'duty.escalate',
    entity: [subject[0], subject[1]],
    summary: { why: why.en, to: contacts.map((c) => c.email) },
  });
  return rows.length;
}

/** escalateIn, in a transaction of its own. */
export async function escalate(ctx: Ctx, e: Escalation): Promise<number> {
  return ctx.db.transaction((tx) => escalateIn(tx, ctx, e));
}
