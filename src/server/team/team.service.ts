// Use cases of the team profile: read the current version, save a new one, list and diff versions,
// and import an existing RFC 2350 document for review.
import type { Ctx } from '#server/ctx';
import type { Db } from '#server/db/client';
import { AppError } from '#server/http/errors';
import { recordAudit } from '#server/audit/audit.service';
import { renderText } from '#shared/rfc2350/render';
import * as repo from './team.repo';
import type { ProfileVersionRow, PublicationRow } from './team.table';
import { TeamProfile, type TeamProfileDraft } from '#shared/rfc2350/profile.schemas';
import { OperatingHours } from '#shared/hours/hours.schemas';
import type { OperatingHours as OperatingHoursType } from '#shared/hours/hours.schemas';
import { parseRfc2350 } from '#shared/rfc2350/parse';
import { checkRfc2350 } from '#shared/rfc2350/check';
import type {
  PublicTeam,
  ImportResult,
  ProfileDiff,
  ProfileSave,
  ProfileState,
  ProfileVersion,
  PublicationSummary,
  VersionList,
} from '#shared/team/team.schemas';
import { ProfileSave as ProfileSaveSchema } from '#shared/team/team.schemas';
import { fieldCodeOf, type CodedField } from '#shared/problems';
import { publicUrls } from '#shared/rfc2350/render';

/** What a publication still lacks: the fields `TeamProfile` requires that the draft does not satisfy. */
export function missingForPublication(profile: TeamProfileDraft): CodedField[] {
  const r = TeamProfile.safeParse(profile);
  if (r.success) return [];
  return r.error.issues.map((i) => {
    const at = i.path.reduce<unknown>(
      (v, k) => (typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined),
      profile,
    );
    return {
      path: `profile.${i.path.join('.')}`,
      message: i.message,
      ...fieldCodeOf(i.code, i as unknown as Record<string, unknown>, at === undefined || at === ''),
    };
  });
}

export function toPublicationSummary(p: PublicationRow): PublicationSummary {
  return {
    id: p.id,
    profileVersion: p.profileVersion,
    language: p.language,
    publishedAt: p.publishedAt.toISOString(),
    keyFingerprint: p.keyFingerprint,
    securityTxtExpires: p.securityTxtExpires.toISOString(),
    urls: publicUrls(p.publicUrl),
  };
}

function parseHours(raw: unknown): ProfileState['hours'] {
  if (raw === null || raw === undefined) return null;
  const r = OperatingHours.safeParse(raw);
  return r.success ? r.data : null;
}

function toVersion(row: ProfileVersionRow): ProfileVersion {
  return {
    version: row.version,
    profile: row.profile,
    hours: parseHours(row.hours),
    authorLabel: row.authorLabel,
    note: row.note,
    savedAt: row.createdAt.toISOString(),
  };
}

export async function getProfileState(ctx: Ctx): Promise<ProfileState> {
  const [row, pub] = await Promise.all([repo.latestVersion(ctx.db), repo.latestPublication(ctx.db)]);
  const profile = row?.profile ?? {};
  return {
    version: row?.version ?? 0,
    profile,
    hours: parseHours(row?.hours),
    note: row?.note ?? null,
    authorLabel: row?.authorLabel ?? null,
    savedAt: row?.createdAt.toISOString() ?? null,
    missing: missingForPublication(profile),
    published: pub ? toPublicationSummary(pub) : null,
  };
}

/** Saves the profile as a new numbered version. A save based on an outdated version is refused (409), never merged silently. */
export async function saveProfile(ctx: Ctx, input: ProfileSave): Promise<ProfileState> {
  const data = ProfileSaveSchema.parse(input);
  await ctx.db.transaction(async (tx) => {
    const current = await repo.latestVersion(tx);
    const currentVersion = current?.version ?? 0;
    if (data.baseVersion !== currentVersion) {
      throw new AppError('profile-conflict', {
        detail: `You edited version ${data.baseVersion}, but version ${currentVersion} was saved since. Reload, then apply your changes again.`,
      });
    }
    const row = await repo.insertVersion(tx, {
      version: currentVersion + 1,
      profile: data.profile,
      hours: data.hours,
      note: data.note ?? null,
      authorId: ctx.actor.kind === 'user' ? ctx.actor.id : null,
      authorLabel: ctx.actor.kind === 'user' ? ctx.actor.email : ctx.actor.kind === 'system' ? ctx.actor.label : 'anonymous',
      createdAt: ctx.clock.now(),
    });
    if (!row)
      throw new AppError('profile-conflict', { detail: 'Another save took this version number a moment ago. Reload and try again.' });
    await recordAudit(tx, ctx, {
      action: 'team-profile.save',
      entity: ['team-profile', String(row.version)],
      summary: { version: row.version, note: row.note, changed: profileChanges(current?.profile ?? {}, row.profile).map((c) => c.path) },
    });
  });
  hoursHeld.delete(ctx.db);
  return getProfileState(ctx);
}

export async function listVersions(ctx: Ctx): Promise<VersionList> {
  const rows = await repo.listVersions(ctx.db);
  return {
    items: rows.map((r) => ({
      version: r.version,
      authorLabel: r.authorLabel,
      note: r.note,
      savedAt: r.createdAt.toISOString(),
      publishedAt: r.publishedAt?.toISOString() ?? null,
    })),
  };
}

export async function getVersion(ctx: Ctx, version: number): Promise<ProfileVersion> {
  const row = await repo.findVersion(ctx.db, version);
  if (!row) throw new AppError('version-not-found', { detail: `There is no version ${version} of the profile` });
  return toVersion(row);
}

/** Leaf-level differences between two profiles, as dotted paths. */
export function profileChanges(a: unknown, b: unknown, prefix = ''): { path: string; before: unknown; after: unknown }[] {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => profileChanges(a[k], b[k], prefix ? `${prefix}.${k}` : k));
  }
  if (isObj(a) && b === undefined) return profileChanges(a, {}, prefix);
  if (a === undefined && isObj(b)) return profileChanges({}, b, prefix);
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ path: prefix, before: a ?? null, after: b ?? null }];
}

export async function diffVersions(ctx: Ctx, from: number, to: number, publicUrl: string): Promise<ProfileDiff> {
  // Why loaded here: start-up needs no text diff.
  const [a, b, { createTwoFilesPatch }] = await Promise.all([getVersion(ctx, from), getVersion(ctx, to), import('diff')]);
  const render = (v: ProfileVersion) => renderText(v.profile, { language: 'en', publicUrl, key: null, publishedAt: new Date(v.savedAt) });
  return {
    from,
    to,
    changes: profileChanges(a.profile, b.profile).concat(profileChanges(a.hours ?? {}, b.hours ?? {}, 'hours')),
    textDiff: createTwoFilesPatch(
      `rfc2350.txt (version ${from})`,
      `rfc2350.txt (version ${to})`,
      render(a),
      render(b),
      undefined,
      undefined,
      { context: 2 },
    ),
  };
}

/** Reads an existing RFC 2350 document into a profile draft with the checker's findings as of now; nothing is saved. */
export function importDocument(ctx: Pick<Ctx, 'clock'>, text: string): ImportResult {
  const parsed = parseRfc2350(text);
  return { profile: parsed.profile, sections: parsed.sections, findings: checkRfc2350(text, { now: ctx.clock.now() }) };
}

export const latestPublicationRow = (ctx: Ctx) => repo.latestPublication(ctx.db);
export const findPublication = (ctx: Ctx, id: number) => repo.findPublication(ctx.db, id);

/** How far the team is set up (for the first-use checklist): a saved profile, an active key, a publication. */
export async function teamSetup(ctx: Ctx): Promise<{ profileSaved: boolean; keyPresent: boolean; published: boolean }> {
  const [version, key, pub] = await Promise.all([repo.latestVersion(ctx.db), repo.activeKey(ctx.db), repo.latestPublication(ctx.db)]);
  return { profileSaved: version !== null, keyPresent: key !== null, published: pub !== null };
}

/** Armoured public keys to publish: the active key, and the one that signed the last publication if retired since. */
export async function publishedKeys(ctx: Ctx): Promise<string[]> {
  const [keys, pub] = await Promise.all([repo.listKeys(ctx.db), repo.latestPublication(ctx.db)]);
  const wanted = keys.filter((k) => k.retiredAt === null || k.fingerprint === pub?.keyFingerprint);
  return wanted.map((k) => k.armoredPublic.trim());
}

// Every report, incident and clock asks for the hours: read again at most once a second (another instance's save
// is seen within a second), at once after a save on this instance. Keyed by the database handle, as tests hold
// several; a transaction's handle is new each time, so what it read is never served to anyone else.
const HOURS_FRESH_MS = 1000;
const hoursHeld = new WeakMap<Db, { at: number; hours: OperatingHoursType }>();

/** The team's operating hours (latest saved profile version), or the default when none are set. */
export { unsafeTeamPrivateKeys } from './team-keys';

/** Who the team's mail comes from: the profile's name and e-mail, and the active key that signs it (null if none). */
export async function unsafeTeamSender(db: Db): Promise<{
  name: string | null;
  email: string | null;
  key: { armoredPrivate: string; armoredPublic: string; fingerprint: string } | null;
}> {
  const [version, key] = await Promise.all([repo.latestVersion(db), repo.activeKey(db)]);
  const contact = version?.profile.contact;
  return {
    name: contact?.shortName ?? contact?.fullName ?? null,
    email: contact?.email ?? null,
    key: key ? { armoredPrivate: key.armoredPrivate, armoredPublic: key.armoredPublic, fingerprint: key.fingerprint } : null,
  };
}

export async function teamHours(db: Db): Promise<OperatingHoursType> {
  const held = hoursHeld.get(db);
  const now = Date.now();
  if (held && now - held.at >= 0 && now - held.at < HOURS_FRESH_MS) return held.hours;
  const hours = parseHours(await repo.latestHours(db)) ?? DEFAULT_HOURS;
  hoursHeld.set(db, { at: now, hours });
  return hours;
}

/** Until the team sets its hours: Monday to Friday, 09:00–18:00, Europe/Paris, French public holidays. */
export const DEFAULT_HOURS: OperatingHoursType = OperatingHours.parse({
  timeZone: 'Europe/Paris',
  weekly: {
    '1': [{ start: '09:00', end: '18:00' }],
    '2': [{ start: '09:00', end: '18:00' }],
    '3': [{ start: '09:00', end: '18:00' }],
    '4': [{ start: '09:00', end: '18:00' }],
    '5': [{ start: '09:00', end: '18:00' }],
    '6': [],
    '7': [],
  },
  holidays: { country: 'FR' },
  closures: [],
  emergency247: true,
});

/**
 * The team as the public sees it: only what its published RFC 2350 document already says (name, e-mail,
 * telephone, urgent tag) — nothing from an unpublished draft.
 */
export async function getPublicTeam(ctx: Ctx): Promise<PublicTeam> {
  const pub = await repo.latestPublication(ctx.db);
  const profile = pub ? (await repo.findVersion(ctx.db, pub.profileVersion))?.profile : undefined;
  const c = profile?.contact;
  return {
    name: c?.fullName ?? null,
    shortName: c?.shortName ?? null,
    email: c?.email ?? null,
    telephone: c?.telephone ?? null,
    urgentSubjectTag: c?.customerContact?.urgentSubjectTag ?? null,
    rfc2350: pub ? publicUrls(pub.publicUrl).html : null,
  };
}
