// API contract of the team's public face: profile versions, import/check, keys and publication.
import { z } from 'zod';
import { TeamProfileDraft } from '../rfc2350/profile.schemas';
import { identity } from '../text';
import { Finding, FoundSection } from '../rfc2350/findings';
import { OperatingHours } from '../hours/hours.schemas';

/** Largest RFC 2350 document accepted for import or check (real ones are 5–40 kB). */
export const RFC2350_IMPORT_MAX_BYTES = 1_048_576;

export const DocumentLanguage = z.enum(['en', 'fr']);
export type DocumentLanguage = z.infer<typeof DocumentLanguage>;

export const MissingField = z.object({ path: z.string(), message: z.string() });

export const PublicationSummary = z.object({
  id: z.number().int(),
  profileVersion: z.number().int(),
  language: DocumentLanguage,
  publishedAt: z.string(),
  keyFingerprint: z.string(),
  securityTxtExpires: z.string(),
  urls: z.object({
    html: z.string(),
    text: z.string(),
    markdown: z.string(),
    signature: z.string(),
    key: z.string(),
    securityTxt: z.string(),
  }),
});
export type PublicationSummary = z.infer<typeof PublicationSummary>;

export const ProfileState = z.object({
  /** 0 while the team has never saved a profile. */
  version: z.number().int(),
  profile: TeamProfileDraft,
  hours: OperatingHours.nullable(),
  note: z.string().nullable(),
  authorLabel: z.string().nullable(),
  savedAt: z.string().nullable(),
  /** What a publication still lacks (empty when the profile can be published). */
  missing: z.array(MissingField),
  published: PublicationSummary.nullable(),
});
export type ProfileState = z.infer<typeof ProfileState>;

export const ProfileSave = z
  .object({
    /** The version the editor started from (0 for the first save); a newer saved version makes this a 409. */
    baseVersion: z.number().int().min(0),
    profile: TeamProfileDraft,
    hours: OperatingHours.nullable(),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type ProfileSave = z.input<typeof ProfileSave>;

export const VersionSummary = z.object({
  version: z.number().int(),
  authorLabel: z.string(),
  note: z.string().nullable(),
  savedAt: z.string(),
  publishedAt: z.string().nullable(),
});
export const VersionList = z.object({ items: z.array(VersionSummary) });
export type VersionList = z.infer<typeof VersionList>;

export const ProfileVersion = z.object({
  version: z.number().int(),
  profile: TeamProfileDraft,
  hours: OperatingHours.nullable(),
  authorLabel: z.string(),
  note: z.string().nullable(),
  savedAt: z.string(),
});
export type ProfileVersion = z.infer<typeof ProfileVersion>;

export const VersionParams = z.object({ version: z.coerce.number().int().min(1) }).strict();
export const DiffQuery = z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }).strict();

export const FieldChange = z.object({ path: z.string(), before: z.unknown(), after: z.unknown() });
export const ProfileDiff = z.object({
  from: z.number().int(),
  to: z.number().int(),
  changes: z.array(FieldChange),
  /** Unified diff of the two rendered plain-text documents. */
  textDiff: z.string(),
});
export type ProfileDiff = z.infer<typeof ProfileDiff>;

export const ImportRequest = z.object({ text: z.string().max(RFC2350_IMPORT_MAX_BYTES) }).strict();
export const ImportResult = z.object({ profile: TeamProfileDraft, sections: z.array(FoundSection), findings: z.array(Finding) });
export type ImportResult = z.infer<typeof ImportResult>;

export const TeamKeyInfo = z.object({
  id: z.uuid(),
  fingerprint: z.string(),
  keyId: z.string(),
  userIds: z.array(z.string()),
  algorithm: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  origin: z.enum(['generated', 'imported']),
  active: z.boolean(),
  addedAt: z.string(),
});
export type TeamKeyInfo = z.infer<typeof TeamKeyInfo>;
export const TeamKeyList = z.object({ items: z.array(TeamKeyInfo) });

export const KeyGenerate = z
  .object({
    /** Defaults to the profile's team name and e-mail. */
    // The key's user ID identifies the team to every recipient: no invisible or direction-changing characters.
    name: identity(200).min(1).optional(),
    email: z.email().max(254).optional(),
    expiresInDays: z.number().int().min(30).max(3650).default(730),
  })
  .strict();
export type KeyGenerate = z.input<typeof KeyGenerate>;
export const KeyGenerated = z.object({ key: TeamKeyInfo, revocationCertificate: z.string() });

export const KeyImport = z
  .object({
    armoredPrivate: z.string().min(1).max(200_000),
    passphrase: z.string().max(1000),
  })
  .strict();
export type KeyImport = z.infer<typeof KeyImport>;

export const PublishRequest = z.object({ language: DocumentLanguage.default('en') }).strict();
export type PublishRequest = z.input<typeof PublishRequest>;

// In its own module: the public pages' frame loads it on every page, without the profile and hours contracts.
export { PublicTeam } from './public-team.schemas';
