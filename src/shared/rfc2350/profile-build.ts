// Assembles a TeamProfileDraft from what the parser read: section texts go to their outline fields, read facts
// (names, e-mails, keys, dates, time zone) are checked against the profile's own element schemas, all is bounded.
import { findAffiliations, findDisclosure, findEmergency, findHours, findUrls } from './extract';
import type { FoundSection } from './findings';
import { saysNothing, type LabelledSection } from './labels';
import type { ReadKey } from './keys';
import {
  IanaTimeZone,
  RFC2350_GRACE_DAYS_MAX,
  RFC2350_LIST_MAX,
  RFC2350_LONG_TEXT_MAX,
  RFC2350_SHORT_TEXT_MAX,
  Rfc2350Date,
  Rfc2350Email,
  Rfc2350Url,
  TeamProfileDraft,
  UtcOffset,
  findRfc2350Section,
  type ExtraSection,
  type PublicKeyDraft,
} from './profile.schemas';
import type { z } from 'zod';

export interface Facts {
  readonly sections: readonly FoundSection[];
  readonly textOf: (num: string) => string;
  /** The section's labelled values ("Operating hours: …") and its own text (the rest). */
  readonly labelled: (num: string) => LabelledSection;
  whole?: string;
  email?: string | undefined;
  otherEmails?: string[];
  listEmails?: string[];
  fullName?: string | undefined;
  shortName?: string | undefined;
  telephone?: string | undefined;
  fax?: string | undefined;
  timeZone?: string | undefined;
  timeZoneText?: string | undefined;
  utcOffset?: string | undefined;
  keys?: ReadKey[];
  keyUrl?: string | undefined;
  lastUpdated?: string | undefined;
  expires?: string | undefined;
  version?: string | undefined;
  tlpVersion?: string | undefined;
}

/** The value if the schema accepts it, else undefined: the importer never emits what a save would refuse. */
function fit<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  if (value === undefined) return undefined;
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

const long = (text: string | undefined): string | undefined =>
  text === undefined || text.trim() === '' ? undefined : text.slice(0, RFC2350_LONG_TEXT_MAX);
const short = (text: string | undefined): string | undefined =>
  text === undefined || text.trim() === '' ? undefined : text.trim().slice(0, RFC2350_SHORT_TEXT_MAX);

/** Drop undefined members, empty arrays and objects left empty, recursively. */
function compact<T>(value: T): T | undefined {
  if (Array.isArray(value)) return value.length === 0 ? undefined : value;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const c = compact(v);
    if (c !== undefined) out[k] = c;
  }
  return Object.keys(out).length === 0 ? undefined : (out as T);
}

function list<T>(items: ReadonlyArray<T | undefined>): T[] {
  const out = new Set<T>();
  for (const item of items) {
    if (out.size >= RFC2350_LIST_MAX) break;
    if (item !== undefined) out.add(item);
  }
  return [...out];
}

function keyOf(key: ReadKey, url: string | undefined): PublicKeyDraft {
  const out: PublicKeyDraft = {};
  const keyId = short(key.keyId);
  const fingerprint = short(key.fingerprint);
  if (keyId !== undefined) out.keyId = keyId;
  if (fingerprint !== undefined) out.fingerprint = fingerprint;
  const userIds = list((key.userIds ?? []).map(short));
  if (userIds.length > 0) out.userIds = userIds;
  const expires = fit(Rfc2350Date, key.expires);
  if (expires !== undefined) out.expires = expires;
  const link = fit(Rfc2350Url, key.url ?? url);
  if (link !== undefined) out.url = link;
  return out;
}

/** Texts of sections the outline has no field for (and chapters' introductions), so nothing is lost. */
function extras(sections: readonly FoundSection[]): ExtraSection[] {
  const out: ExtraSection[] = [];
  const firstOutline = sections.findIndex((s) => s.canonical !== undefined);
  for (const [i, s] of sections.entries()) {
    // The document's own title ("RFC 2350 description of X-CERT") over only its label, version and date is no
    // extra section; a title over an introduction keeps it.
    const front = s.text.split('\n').every((l) => /^\s*(?:TLP[:\s]|version\b|versi\b|published\b|publi[ée] le\b|\s*$)/i.test(l));
    if (
      s.number === undefined &&
      s.canonical === undefined &&
      (firstOutline < 0 || i < firstOutline) &&
      /\bRFC[ -]?2350\b/i.test(s.title) &&
      front
    )
      continue;
    const hasFields = s.canonical !== undefined && (findRfc2350Section(s.canonical)?.fields.length ?? 0) > 0;
    if (s.empty || hasFields) continue;
    const title = short(s.title) ?? '';
    if (title === '') continue;
    const extra: ExtraSection = { title, text: s.text.slice(0, RFC2350_LONG_TEXT_MAX) };
    if (s.number !== undefined) extra.number = s.number.slice(0, 20);
    out.push(extra);
  }
  return out.slice(0, RFC2350_LIST_MAX);
}

export function buildProfile(facts: Facts): TeamProfileDraft {
  /** A section's own text: what no label claimed, unless it only says "Not applicable". */
  const own = (num: string): string => {
    const rest = facts.labelled(num).rest;
    return saysNothing(rest) ? '' : rest;
  };
  const label = (num: string, field: string): string | undefined => {
    const v = facts.labelled(num).values.get(field)?.[0];
    return v === undefined || v === '' || saysNothing(v) ? undefined : v;
  };
  /** A field's labelled value, else (for the field that is the section's text) the section's own text. */
  const t = (num: string, field?: string): string | undefined => long((field === undefined ? undefined : label(num, field)) ?? own(num));
  const locationsText = own('1.3');
  const locations = list(findUrls(locationsText).map((u) => fit(Rfc2350Url, u)));
  const locationsNote = label('1.3', 'document.locationsNote') ?? (locations.length === 0 ? locationsText : undefined);
  const customerText = own('2.11');
  // Hours live in 2.11; some teams put them with the telephone or in "other information".
  const hours =
    label('2.11', 'contact.customerContact.hours') ??
    findHours(customerText) ??
    findHours(['2.4', '2.7', '2.10', '2.6'].map(facts.textOf).join('\n\n'));
  const emergency = findEmergency(customerText);
  const emergencyProcedure = label('2.11', 'contact.customerContact.emergencyProcedure') ?? emergency.procedure;
  const urgentSubjectTag = label('2.11', 'contact.customerContact.urgentSubjectTag') ?? emergency.tag;
  const sponsorship = own('3.3');
  const affiliationsLabel = label('3.3', 'charter.affiliations');
  const affiliations =
    affiliationsLabel === undefined
      ? findAffiliations(`${sponsorship}\n${facts.textOf('4.2')}`)
      : list(affiliationsLabel.split(/\s*[,;]\s*|\n/).map(short));
  const disclosureLabel = label('4.2', 'policies.responsibleDisclosure');
  const graceLabel = /(\d{1,4})/.exec(label('4.2', 'grace') ?? '')?.[1];
  const disclosure =
    disclosureLabel !== undefined
      ? {
          text: disclosureLabel,
          gracePeriodDays: graceLabel === undefined ? findDisclosure(disclosureLabel)?.gracePeriodDays : Number(graceLabel),
        }
      : (findDisclosure(facts.textOf('4.2')) ?? findDisclosure(facts.whole ?? ''));
  const grace = disclosure?.gracePeriodDays;
  const tlpLabel = /^\d{1,2}(?:\.\d{1,2})?$/.exec(label('4.3', 'policies.tlpVersion') ?? '')?.[0];
  const keys = (facts.keys ?? []).slice(0, RFC2350_LIST_MAX).map((k, i) => keyOf(k, i === 0 ? facts.keyUrl : undefined));
  if (keys.length === 0 && facts.keyUrl !== undefined) keys.push(keyOf({ line: 1 }, facts.keyUrl));
  const draft = {
    document: {
      version: short(label('1.1', 'document.version') ?? facts.version),
      lastUpdated: fit(Rfc2350Date, facts.lastUpdated),
      expires: fit(Rfc2350Date, facts.expires),
      distributionList: {
        emails: list((facts.listEmails ?? []).map((e) => fit(Rfc2350Email, e))),
        description: t('1.2'),
      },
      locations,
      locationsNote: long(locationsNote),
      authentication: t('1.4', 'document.authentication'),
    },
    contact: {
      shortName: short(facts.shortName),
      fullName: short(facts.fullName),
      address: t('2.2', 'contact.address'),
      timeZone: fit(IanaTimeZone, facts.timeZone),
      timeZoneText: short(facts.timeZoneText),
      utcOffset: fit(UtcOffset, facts.utcOffset),
      telephone: short(facts.telephone),
      fax: short(facts.fax),
      otherTelecom: t('2.6', 'contact.otherTelecom'),
      email: fit(Rfc2350Email, facts.email),
      otherEmails: list((facts.otherEmails ?? []).map((e) => fit(Rfc2350Email, e))),
      publicKeys: keys.filter((k) => Object.keys(k).length > 0),
      encryptionNotes: long(label('2.8', 'contact.encryptionNotes') ?? encryptionNotes(own('2.8'))),
      representative: t('2.9', 'contact.representative'),
      otherInfo: t('2.10', 'contact.otherInfo'),
      customerContact: {
        text: long(customerText),
        hours: short(hours),
        emergencyProcedure: long(emergencyProcedure),
        urgentSubjectTag: urgentSubjectTag?.trim().slice(0, 50),
      },
    },
    charter: {
      mission: t('3.1', 'charter.mission'),
      constituency: t('3.2', 'charter.constituency'),
      sponsorship: long(sponsorship),
      affiliations,
      authority: t('3.4', 'charter.authority'),
    },
    policies: {
      incidentTypes: t('4.1', 'policies.incidentTypes'),
      cooperation: t('4.2'),
      communication: t('4.3'),
      tlpVersion: tlpLabel ?? facts.tlpVersion,
      other: long(label('4.3', 'policies.other')),
      responsibleDisclosure: disclosure
        ? {
            text: disclosure.text.slice(0, RFC2350_LONG_TEXT_MAX),
            gracePeriodDays: grace !== undefined && grace <= RFC2350_GRACE_DAYS_MAX ? grace : undefined,
          }
        : undefined,
    },
    services: {
      incidentResponse: {
        summary: t('5.1', 'services.incidentResponse.summary'),
        triage: t('5.1.1', 'services.incidentResponse.triage'),
        coordination: t('5.1.2', 'services.incidentResponse.coordination'),
        resolution: t('5.1.3', 'services.incidentResponse.resolution'),
      },
      proactive: t('5.2', 'services.proactive'),
    },
    reportingForms: t('6', 'reportingForms'),
    disclaimers: t('7', 'disclaimers'),
    extraSections: extras(facts.sections),
  };
  const parsed = TeamProfileDraft.safeParse(compact(draft) ?? {});
  // Every member was fitted above; should one still fail, keep the rest rather than return nothing.
  return parsed.success ? parsed.data : salvage(compact(draft) ?? {});
}

function salvage(draft: object): TeamProfileDraft {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(draft as Record<string, unknown>)) {
    const one = TeamProfileDraft.safeParse({ [k]: v });
    if (one.success) Object.assign(out, one.data);
  }
  return TeamProfileDraft.parse(out);
}

/** 2.8's own text without the paragraphs that only list a key's details (read into `publicKeys`). */
function encryptionNotes(text: string): string {
  return text
    .split(/\n\s*\n/)
    .filter(
      (p) =>
        !/^(?:\s*(?:user\s?id|uid|key\s?id|fingerprint|expires?|empreinte|identit[ée]|identifiant de cl[ée]|cl[ée]|key)\s?[:：].*(?:\n|$))+$/iu.test(
          p,
        ),
    )
    .join('\n\n');
}
