// Publishing: renders the latest profile version as the RFC 2350 document, signs it with the team key
// (a detached signature GnuPG verifies), builds and cleartext-signs security.txt, stores the result, and
// queues the notification of the distribution list.
import { z } from 'zod';
import type { Ctx } from '#server/ctx';
import { AppError } from '#server/http/errors';
import { recordAudit } from '#server/audit/audit.service';
import { signCleartext, signDetached } from '#server/pgp/pgp';
import { defineJob } from '#server/jobs/queue';
import { queueEmails } from '#server/outbox/outbox.service';
import { renderMarkdown, renderText, publicUrls } from '#shared/rfc2350/render';
import { buildSecurityTxt, securityTxtExpiry } from '#shared/rfc2350/security-txt';
import * as repo from './team.repo';
import { activeSigningKey } from './team-keys';
import { missingForPublication, toPublicationSummary } from './team.service';
import type { PublicationSummary, PublishRequest } from '#shared/team/team.schemas';
import { PublishRequest as PublishRequestSchema } from '#shared/team/team.schemas';

export async function publishProfile(
  ctx: Ctx,
  input: PublishRequest,
  opts: { passphrase: string; publicUrl: string },
): Promise<PublicationSummary> {
  const { language } = PublishRequestSchema.parse(input);
  const version = await repo.latestVersion(ctx.db);
  if (!version) throw new AppError('profile-incomplete', { detail: 'Save the team profile before publishing it' });
  const missing = missingForPublication(version.profile);
  if (missing.length) {
    throw new AppError('profile-incomplete', {
      detail: `Complete the profile first: ${missing.map((m) => m.path.replace(/^profile\./, '')).join(', ')}`,
      fields: missing,
    });
  }
  const now = ctx.clock.now();
  if (version.profile.document?.expires && version.profile.document.expires < now.toISOString().slice(0, 10)) {
    throw new AppError('profile-incomplete', {
      detail: `The document's expiry date ${version.profile.document.expires} is past`,
      fields: [{ path: 'profile.document.expires', message: 'In the past', code: 'in_the_past' }],
    });
  }
  const key = await activeSigningKey(ctx);
  const renderCtx = {
    language,
    publicUrl: opts.publicUrl,
    key: { fingerprint: key.fingerprint, keyId: key.keyId, userIds: key.userIds },
    publishedAt: now,
  };
  const textPlain = renderText(version.profile, renderCtx);
  const markdown = renderMarkdown(version.profile, renderCtx);
  const signing = { armoredPrivate: key.armoredPrivate, passphrase: opts.passphrase };
  // Signing happens before the transaction: PGlite has one connection, and crypto must not hold it.
  const signature = await signDetached(textPlain, signing);
  const expires = securityTxtExpiry(version.profile, now);
  const securityTxt = await signCleartext(
    buildSecurityTxt(version.profile, { publicUrl: opts.publicUrl, expires, languages: language === 'fr' ? ['fr', 'en'] : ['en', 'fr'] }),
    signing,
  );

  const publication = await ctx.db.transaction(async (tx) => {
    const row = await repo.insertPublication(tx, {
      profileVersion: version.version,
      language,
      publicUrl: opts.publicUrl,
      textPlain,
      markdown,
      signature,
      securityTxt,
      securityTxtExpires: expires,
      keyFingerprint: key.fingerprint,
      publishedBy: ctx.actor.kind === 'user' ? ctx.actor.id : null,
      publishedAt: now,
    });
    await recordAudit(tx, ctx, {
      action: 'team-profile.publish',
      entity: ['team-publication', String(row.id)],
      summary: { profileVersion: version.version, language, keyFingerprint: key.fingerprint, securityTxtExpires: expires.toISOString() },
    });
    await ctx.jobs.enqueue(notifyPublicationJob.name, { publicationId: row.id }, {}, tx);
    return row;
  });
  return toPublicationSummary(publication);
}

/** Tells the distribution list that a new version is out (queued in the outbox; delivery comes with messaging). */
export const notifyPublicationJob = defineJob({
  name: 'team.notify-publication',
  payload: z.object({ publicationId: z.number().int() }),
  async run(ctx, { publicationId }) {
    const pub = await repo.findPublication(ctx.db, publicationId);
    if (!pub) return;
    const version = await repo.findVersion(ctx.db, pub.profileVersion);
    const recipients = [...new Set(version?.profile.document?.distributionList?.emails ?? [])];
    const name = version?.profile.contact?.shortName ?? version?.profile.contact?.fullName ?? 'CSIRT';
    const urls = publicUrls(pub.publicUrl);
    const fr = pub.language === 'fr';
    const subject = fr ? `${name} : nouvelle version de la description RFC 2350` : `${name}: new version of the RFC 2350 description`;
    const body = fr
      ? `Une nouvelle version de la description RFC 2350 de ${name} a été publiée le ${pub.publishedAt.toISOString().slice(0, 10)}.\n\nTexte signé : ${urls.text}\nSignature : ${urls.signature}\nClé : ${urls.key}\n\nTLP:CLEAR\n`
      : `A new version of ${name}'s RFC 2350 description was published on ${pub.publishedAt.toISOString().slice(0, 10)}.\n\nSigned text: ${urls.text}\nSignature: ${urls.signature}\nKey: ${urls.key}\n\nTLP:CLEAR\n`;
    await ctx.db.transaction(async (tx) => {
      const queued = await queueEmails(
        tx,
        recipients.map((recipient) => ({ recipient, subject, body, related: ['team-publication', String(pub.id)] as [string, string] })),
      );
      await recordAudit(tx, ctx, {
        action: 'team-profile.notify',
        entity: ['team-publication', String(pub.id)],
        summary: { recipients: queued.length },
      });
    });
  },
});
