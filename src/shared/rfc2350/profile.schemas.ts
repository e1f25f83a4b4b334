// The team's RFC 2350 profile as structured data (zod schemas + types of the same name), its field limits,
// and `rfc2350Sections`: the canonical numbered outline (RFC 2350 Appendix D, plus 1.4 from Appendix E)
// that the renderer walks to produce /rfc2350.txt and the importer maps headings onto.
import { z } from 'zod';

/** Long Markdown text (a mission statement, a disclosure policy). */
export const RFC2350_LONG_TEXT_MAX = 20_000;
/** Short text (a name, a version, a telephone number, a time-zone description). */
export const RFC2350_SHORT_TEXT_MAX = 500;
/** Items in any list (locations, e-mails, keys, affiliations, extra sections). */
export const RFC2350_LIST_MAX = 50;
export const RFC2350_EMAIL_MAX = 254;
export const RFC2350_URL_MAX = 2_048;
/** Days a "responsible disclosure" grace period may state (a decade is already absurd). */
export const RFC2350_GRACE_DAYS_MAX = 3_650;

const LongText = z.string().max(RFC2350_LONG_TEXT_MAX);
const ShortText = z.string().max(RFC2350_SHORT_TEXT_MAX);

export const Rfc2350Email = z.email().max(RFC2350_EMAIL_MAX);
// Why: only web and FTP locations are rendered as links; `javascript:` or `data:` URLs must never get in.
export const Rfc2350Url = z.url({ protocol: /^(https?|ftp)$/ }).max(RFC2350_URL_MAX);
/** A calendar date, `YYYY-MM-DD` (zod rejects impossible dates such as 2023-02-30). */
export const Rfc2350Date = z.iso.date();

/** True when `name` is a time zone the runtime's IANA database knows (canonical or link). */
export function isIanaTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]{0,40}(?:\/[A-Za-z0-9_+-]{1,40}){0,2}$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const IanaTimeZone = z.string().max(64).refine(isIanaTimeZone, { message: 'Not an IANA time zone name' });
/** A fixed offset from UTC, `+07:00` / `-05:00`. */
export const UtcOffset = z.string().regex(/^[+-](?:0\d|1[0-4]):[0-5]\d$/, { message: 'Not a UTC offset (+HH:MM)' });

/** A key as published, possibly wrong: the importer keeps what it read so the checker can point at it. */
export const PublicKeyDraft = z.strictObject({
  keyId: ShortText.optional(),
  fingerprint: ShortText.optional(),
  userIds: z.array(ShortText).max(RFC2350_LIST_MAX).optional(),
  url: Rfc2350Url.optional(),
  expires: Rfc2350Date.optional(),
});
export type PublicKeyDraft = z.infer<typeof PublicKeyDraft>;

/** Upper-case hex without spaces: a v4 fingerprint (40 digits) or a v6 one (64). */
export const Fingerprint = z
  .string()
  .regex(/^(?:[0-9A-F]{40}|[0-9A-F]{64})$/, { message: 'A fingerprint is 40 (v4) or 64 (v6) hex digits' });
/** Upper-case hex without `0x`: a short (8) or long (16) key ID. */
export const KeyId = z.string().regex(/^(?:[0-9A-F]{8}|[0-9A-F]{16})$/, { message: 'A key ID is 8 or 16 hex digits' });

/** A key fit to publish: the key ID must be the one the fingerprint implies. */
export const PublicKey = z
  .strictObject({
    keyId: KeyId,
    fingerprint: Fingerprint,
    userIds: z.array(ShortText).max(RFC2350_LIST_MAX).optional(),
    url: Rfc2350Url.optional(),
    expires: Rfc2350Date.optional(),
  })
  .refine((k) => keyIdMatches(k.keyId, k.fingerprint), {
    message: 'The key ID is not the one this fingerprint implies',
    path: ['keyId'],
  });
export type PublicKey = z.infer<typeof PublicKey>;

/** v4: the key ID is the fingerprint's tail; v6 (RFC 9580): its head. Both arguments upper-case hex. */
export function keyIdMatches(keyId: string, fingerprint: string): boolean {
  if (fingerprint.length === 64) return fingerprint.startsWith(keyId);
  return fingerprint.endsWith(keyId);
}

export const DistributionList = z.strictObject({
  emails: z.array(Rfc2350Email).max(RFC2350_LIST_MAX).optional(),
  /** How to subscribe, who is on it, or "there is no list". */
  description: LongText.optional(),
});
export type DistributionList = z.infer<typeof DistributionList>;

const documentShape = {
  version: ShortText.optional(),
  lastUpdated: Rfc2350Date.optional(),
  /** The document's own expiry (not a key's). */
  expires: Rfc2350Date.optional(),
  distributionList: DistributionList.optional(),
  /** URLs where the current version is published. */
  locations: z.array(Rfc2350Url).max(RFC2350_LIST_MAX).optional(),
  /** Where the document is published when that is not (only) a URL. */
  locationsNote: LongText.optional(),
  /** How the document is authenticated (e.g. a detached PGP signature at …). */
  authentication: LongText.optional(),
};
export const DocumentInfoDraft = z.strictObject(documentShape);
export type DocumentInfoDraft = z.infer<typeof DocumentInfoDraft>;
export const DocumentInfo = DocumentInfoDraft.extend({ lastUpdated: Rfc2350Date });
export type DocumentInfo = z.infer<typeof DocumentInfo>;

export const CustomerContact = z.strictObject({
  /** The section's own text (preferred channels, what to send). */
  text: LongText.optional(),
  /** Operating hours as written ("09:00-17:00 Monday to Friday except holidays"). */
  hours: ShortText.optional(),
  emergencyProcedure: LongText.optional(),
  /** What to put in the subject of an urgent report, e.g. "[URGENT]". */
  urgentSubjectTag: z.string().max(50).optional(),
});
export type CustomerContact = z.infer<typeof CustomerContact>;

const contactShape = {
  shortName: ShortText.optional(),
  fullName: ShortText.optional(),
  address: LongText.optional(),
  /** Best IANA name (a published `Canada/Eastern` is stored canonical, `America/Toronto`). */
  timeZone: IanaTimeZone.optional(),
  /** The time zone as the team writes it ("WIB (GMT+7)", "CET/CEST"). */
  timeZoneText: ShortText.optional(),
  /** Standard-time offset when stated or implied. */
  utcOffset: UtcOffset.optional(),
  telephone: ShortText.optional(),
  fax: ShortText.optional(),
  otherTelecom: LongText.optional(),
  email: Rfc2350Email.optional(),
  otherEmails: z.array(Rfc2350Email).max(RFC2350_LIST_MAX).optional(),
  publicKeys: z.array(PublicKeyDraft).max(RFC2350_LIST_MAX).optional(),
  /** The rest of 2.8: which tools, how to use them, what to do with a corrupted key. */
  encryptionNotes: LongText.optional(),
  /** 2.9 Team Members: who represents and runs the team. */
  representative: LongText.optional(),
  otherInfo: LongText.optional(),
  customerContact: CustomerContact.optional(),
};
export const ContactInfoDraft = z.strictObject(contactShape);
export type ContactInfoDraft = z.infer<typeof ContactInfoDraft>;
export const ContactInfo = ContactInfoDraft.extend({
  fullName: ShortText.min(1),
  email: Rfc2350Email,
  timeZone: IanaTimeZone,
  publicKeys: z.array(PublicKey).max(RFC2350_LIST_MAX).optional(),
});
export type ContactInfo = z.infer<typeof ContactInfo>;

export const Charter = z.strictObject({
  mission: LongText.optional(),
  constituency: LongText.optional(),
  sponsorship: LongText.optional(),
  /** Memberships such as "FIRST", "TF-CSIRT", "Trusted Introducer". */
  affiliations: z.array(ShortText).max(RFC2350_LIST_MAX).optional(),
  authority: LongText.optional(),
});
export type Charter = z.infer<typeof Charter>;

export const ResponsibleDisclosure = z.strictObject({
  text: LongText,
  gracePeriodDays: z.number().int().min(0).max(RFC2350_GRACE_DAYS_MAX).optional(),
});
export type ResponsibleDisclosure = z.infer<typeof ResponsibleDisclosure>;

export const Policies = z.strictObject({
  incidentTypes: LongText.optional(),
  cooperation: LongText.optional(),
  communication: LongText.optional(),
  /** The TLP version the team applies, e.g. "2.0" (FIRST TLP 2.0) or "1.0". */
  tlpVersion: z
    .string()
    .regex(/^\d{1,2}(?:\.\d{1,2})?$/)
    .optional(),
  responsibleDisclosure: ResponsibleDisclosure.optional(),
  other: LongText.optional(),
});
export type Policies = z.infer<typeof Policies>;

export const Services = z.strictObject({
  incidentResponse: z
    .strictObject({
      summary: LongText.optional(),
      triage: LongText.optional(),
      coordination: LongText.optional(),
      resolution: LongText.optional(),
    })
    .optional(),
  /** Markdown; a list is written as a Markdown list (one text keeps editing and rendering simple). */
  proactive: LongText.optional(),
});
export type Services = z.infer<typeof Services>;

/** A section the outline has no place for (an imported "Vision", a chapter's introduction): kept, not lost. */
export const ExtraSection = z.strictObject({
  number: z.string().max(20).optional(),
  title: ShortText,
  text: LongText,
});
export type ExtraSection = z.infer<typeof ExtraSection>;

/**
 * Decision: two schemas over one structure.
 * - `TeamProfileDraft`: every field optional. What the importer returns and what the editor may save while
 *   the profile is incomplete; keys are kept as published, even when wrong, so the checker can point at them.
 * - `TeamProfile`: the draft plus what a publishable document cannot do without: the date of last update,
 *   the team's full name, an e-mail address, an IANA time zone, and well-formed keys (8/16-hex key ID that
 *   matches a 40/64-hex fingerprint). Everything else stays optional: RFC 2350 is a recommendation.
 */
export const TeamProfileDraft = z.strictObject({
  document: DocumentInfoDraft.optional(),
  contact: ContactInfoDraft.optional(),
  charter: Charter.optional(),
  policies: Policies.optional(),
  services: Services.optional(),
  reportingForms: LongText.optional(),
  disclaimers: LongText.optional(),
  extraSections: z.array(ExtraSection).max(RFC2350_LIST_MAX).optional(),
});
export type TeamProfileDraft = z.infer<typeof TeamProfileDraft>;

export const TeamProfile = TeamProfileDraft.extend({
  document: DocumentInfo,
  contact: ContactInfo,
});
export type TeamProfile = z.infer<typeof TeamProfile>;

/** A dotted path into `TeamProfile`, as listed in `rfc2350Sections[].fields`. */
export type ProfileField =
  | `document.${keyof DocumentInfoDraft}`
  | `contact.${Exclude<keyof ContactInfoDraft, 'customerContact'>}`
  | `contact.customerContact.${keyof CustomerContact}`
  | `charter.${keyof Charter}`
  | `policies.${keyof Policies}`
  | 'services.incidentResponse.summary'
  | 'services.incidentResponse.triage'
  | 'services.incidentResponse.coordination'
  | 'services.incidentResponse.resolution'
  | 'services.proactive'
  | 'reportingForms'
  | 'disclaimers';

export interface Rfc2350Section {
  /** "2.3"; chapters are "1" … "7". */
  readonly number: string;
  readonly titleEn: string;
  readonly titleFr: string;
  /** Profile fields rendered under this heading, in order (empty for a chapter heading). */
  readonly fields: readonly ProfileField[];
  /** Appendix D lists it; its absence is worth a warning. 1.4 (Appendix E only) and 5.1.1–5.1.3 are optional. */
  readonly required: boolean;
}

const s = (number: string, titleEn: string, titleFr: string, fields: readonly ProfileField[], required = true): Rfc2350Section => ({
  number,
  titleEn,
  titleFr,
  fields,
  required,
});

/** RFC 2350 Appendix D, in order (titles verbatim), with 1.4 "Authenticating this Document" from Appendix E. */
export const rfc2350Sections: readonly Rfc2350Section[] = [
  s('1', 'Document Information', 'Informations sur le document', []),
  s('1.1', 'Date of Last Update', 'Date de dernière mise à jour', ['document.version', 'document.lastUpdated', 'document.expires']),
  s('1.2', 'Distribution List for Notifications', 'Liste de diffusion pour les notifications', ['document.distributionList']),
  s('1.3', 'Locations where this Document May Be Found', 'Emplacements où trouver ce document', [
    'document.locations',
    'document.locationsNote',
  ]),
  s('1.4', 'Authenticating this Document', 'Authentification de ce document', ['document.authentication'], false),
  s('2', 'Contact Information', 'Coordonnées', []),
  s('2.1', 'Name of the Team', "Nom de l'équipe", ['contact.shortName', 'contact.fullName']),
  s('2.2', 'Address', 'Adresse', ['contact.address']),
  s('2.3', 'Time Zone', 'Fuseau horaire', ['contact.timeZone', 'contact.timeZoneText', 'contact.utcOffset']),
  s('2.4', 'Telephone Number', 'Numéro de téléphone', ['contact.telephone']),
  s('2.5', 'Facsimile Number', 'Numéro de télécopie', ['contact.fax']),
  s('2.6', 'Other Telecommunication', 'Autres moyens de télécommunication', ['contact.otherTelecom']),
  s('2.7', 'Electronic Mail Address', 'Adresse électronique', ['contact.email', 'contact.otherEmails']),
  s('2.8', 'Public Keys and Encryption Information', 'Clés publiques et informations de chiffrement', [
    'contact.publicKeys',
    'contact.encryptionNotes',
  ]),
  s('2.9', 'Team Members', "Membres de l'équipe", ['contact.representative']),
  s('2.10', 'Other Information', 'Autres informations', ['contact.otherInfo']),
  s('2.11', 'Points of Customer Contact', 'Points de contact', [
    'contact.customerContact.text',
    'contact.customerContact.hours',
    'contact.customerContact.emergencyProcedure',
    'contact.customerContact.urgentSubjectTag',
  ]),
  s('3', 'Charter', 'Charte', []),
  s('3.1', 'Mission Statement', 'Mission', ['charter.mission']),
  s('3.2', 'Constituency', 'Bénéficiaires', ['charter.constituency']),
  s('3.3', 'Sponsorship and/or Affiliation', 'Parrainage et/ou affiliation', ['charter.sponsorship', 'charter.affiliations']),
  s('3.4', 'Authority', 'Autorité', ['charter.authority']),
  s('4', 'Policies', 'Politiques', []),
  s('4.1', 'Types of Incidents and Level of Support', "Types d'incidents et niveau de support", ['policies.incidentTypes']),
  s('4.2', 'Co-operation, Interaction and Disclosure of Information', "Coopération, interaction et divulgation d'informations", [
    'policies.cooperation',
    'policies.responsibleDisclosure',
  ]),
  s('4.3', 'Communication and Authentication', 'Communication et authentification', [
    'policies.communication',
    'policies.tlpVersion',
    'policies.other',
  ]),
  s('5', 'Services', 'Services', []),
  s('5.1', 'Incident Response', 'Réponse aux incidents', ['services.incidentResponse.summary']),
  s('5.1.1', 'Incident Triage', 'Tri des incidents', ['services.incidentResponse.triage'], false),
  s('5.1.2', 'Incident Coordination', 'Coordination des incidents', ['services.incidentResponse.coordination'], false),
  s('5.1.3', 'Incident Resolution', 'Résolution des incidents', ['services.incidentResponse.resolution'], false),
  s('5.2', 'Proactive Activities', 'Activités proactives', ['services.proactive']),
  s('6', 'Incident Reporting Forms', "Formulaires de déclaration d'incident", ['reportingForms']),
  s('7', 'Disclaimers', 'Avertissements', ['disclaimers']),
];

/** The outline entry for a number, if the outline has one. */
export function findRfc2350Section(number: string): Rfc2350Section | undefined {
  return rfc2350Sections.find((section) => section.number === number);
}
