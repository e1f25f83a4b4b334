// The profile editor's form model: every leaf a string (empty = absent) so inputs stay controlled, and
// `ProfileEditor`, the shared ProfileSave contract behind a transform that prunes empty values. Paths of
// the form and of the contract are the same, so zod issues and problem `fields` land on the right input.
import { z } from 'zod';
import type { PublicKeyDraft, TeamProfileDraft } from '#shared/rfc2350/profile.schemas';
import { ProfileSave, type ProfileState } from '#shared/team/team.schemas';
import { fromHours, toHours, type HoursForm } from './hours.form';

export interface PublicKeyForm {
  keyId: string;
  fingerprint: string;
  /** One user ID per line. */
  userIds: string;
  url: string;
  expires: string;
}

export interface ExtraSectionForm {
  number: string;
  title: string;
  text: string;
}

export interface ProfileDraftForm {
  document: {
    version: string;
    lastUpdated: string;
    expires: string;
    distributionList: { emails: string[]; description: string };
    locations: string[];
    locationsNote: string;
    authentication: string;
  };
  contact: {
    shortName: string;
    fullName: string;
    address: string;
    timeZone: string;
    timeZoneText: string;
    utcOffset: string;
    telephone: string;
    fax: string;
    otherTelecom: string;
    email: string;
    otherEmails: string[];
    publicKeys: PublicKeyForm[];
    encryptionNotes: string;
    representative: string;
    otherInfo: string;
    customerContact: { text: string; hours: string; emergencyProcedure: string; urgentSubjectTag: string };
  };
  charter: { mission: string; constituency: string; sponsorship: string; affiliations: string[]; authority: string };
  policies: {
    incidentTypes: string;
    cooperation: string;
    communication: string;
    tlpVersion: string;
    responsibleDisclosure: { text: string; gracePeriodDays: string };
    other: string;
  };
  services: { incidentResponse: { summary: string; triage: string; coordination: string; resolution: string }; proactive: string };
  reportingForms: string;
  disclaimers: string;
  extraSections: ExtraSectionForm[];
}

export interface ProfileFormValues {
  profile: ProfileDraftForm;
  hours: HoursForm;
  note: string;
}

const str = (value: string | undefined): string => value ?? '';
const list = (value: readonly string[] | undefined): string[] => [...(value ?? [])];

function fromKey(key: PublicKeyDraft): PublicKeyForm {
  return {
    keyId: str(key.keyId),
    fingerprint: str(key.fingerprint),
    userIds: (key.userIds ?? []).join('\n'),
    url: str(key.url),
    expires: str(key.expires),
  };
}

export function fromDraft(p: TeamProfileDraft): ProfileDraftForm {
  const d = p.document ?? {};
  const c = p.contact ?? {};
  const cc = c.customerContact ?? {};
  const ch = p.charter ?? {};
  const po = p.policies ?? {};
  const ir = p.services?.incidentResponse ?? {};
  return {
    document: {
      version: str(d.version),
      lastUpdated: str(d.lastUpdated),
      expires: str(d.expires),
      distributionList: { emails: list(d.distributionList?.emails), description: str(d.distributionList?.description) },
      locations: list(d.locations),
      locationsNote: str(d.locationsNote),
      authentication: str(d.authentication),
    },
    contact: {
      shortName: str(c.shortName),
      fullName: str(c.fullName),
      address: str(c.address),
      timeZone: str(c.timeZone),
      timeZoneText: str(c.timeZoneText),
      utcOffset: str(c.utcOffset),
      telephone: str(c.telephone),
      fax: str(c.fax),
      otherTelecom: str(c.otherTelecom),
      email: str(c.email),
      otherEmails: list(c.otherEmails),
      publicKeys: (c.publicKeys ?? []).map(fromKey),
      encryptionNotes: str(c.encryptionNotes),
      representative: str(c.representative),
      otherInfo: str(c.otherInfo),
      customerContact: {
        text: str(cc.text),
        hours: str(cc.hours),
        emergencyProcedure: str(cc.emergencyProcedure),
        urgentSubjectTag: str(cc.urgentSubjectTag),
      },
    },
    charter: {
      mission: str(ch.mission),
      constituency: str(ch.constituency),
      sponsorship: str(ch.sponsorship),
      affiliations: list(ch.affiliations),
      authority: str(ch.authority),
    },
    policies: {
      incidentTypes: str(po.incidentTypes),
      cooperation: str(po.cooperation),
      communication: str(po.communication),
      tlpVersion: str(po.tlpVersion),
      responsibleDisclosure: {
        text: str(po.responsibleDisclosure?.text),
        gracePeriodDays: po.responsibleDisclosure?.gracePeriodDays === undefined ? '' : String(po.responsibleDisclosure.gracePeriodDays),
      },
      other: str(po.other),
    },
    services: {
      incidentResponse: {
        summary: str(ir.summary),
        triage: str(ir.triage),
        coordination: str(ir.coordination),
        resolution: str(ir.resolution),
      },
      proactive: str(p.services?.proactive),
    },
    reportingForms: str(p.reportingForms),
    disclaimers: str(p.disclaimers),
    extraSections: (p.extraSections ?? []).map((x) => ({ number: str(x.number), title: x.title, text: x.text })),
  };
}

export function fromState(state: Pick<ProfileState, 'profile' | 'hours'>): ProfileFormValues {
  return { profile: fromDraft(state.profile), hours: fromHours(state.hours, state.profile.contact?.timeZone), note: '' };
}

/** Empty strings, empty lists and objects left with no value are dropped (the draft's "absent"). */
export function prune(value: unknown): unknown {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }
  if (Array.isArray(value)) {
    // List items are kept even when empty, so an issue's index still points at the right input.
    const items: unknown[] = value.map((item) => prune(item) ?? (typeof item === 'string' ? '' : {}));
    return items.length === 0 ? undefined : items;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).flatMap(([key, v]) => {
      const pruned = prune(v);
      return pruned === undefined ? [] : [[key, pruned] as const];
    });
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  return value;
}

/** Hex identifiers as people paste them ("0xABCD 1234 …", lower case) → the contract's upper-case hex. */
const hex = (value: string) => value.replace(/^0x/i, '').replace(/\s+/g, '').toUpperCase();

function toKey(key: PublicKeyForm) {
  return {
    keyId: hex(key.keyId),
    fingerprint: hex(key.fingerprint),
    userIds: key.userIds.split('\n').filter((line) => line.trim() !== ''),
    url: key.url,
    expires: key.expires,
  };
}

/** The form → the draft shape (before validation): pruned, numbers and hex normalised. */
export function toDraftInput(form: ProfileDraftForm): unknown {
  const days = form.policies.responsibleDisclosure.gracePeriodDays.trim();
  return (
    prune({
      ...form,
      contact: { ...form.contact, publicKeys: form.contact.publicKeys.map(toKey) },
      policies: {
        ...form.policies,
        responsibleDisclosure: {
          text: form.policies.responsibleDisclosure.text,
          gracePeriodDays: days === '' ? undefined : Number(days),
        },
      },
    }) ?? {}
  );
}

const EditorContract = ProfileSave.omit({ baseVersion: true });
type EditorInput = z.input<typeof EditorContract>;

/** The form's resolver schema: form values in, the ProfileSave body (without baseVersion) out. */
export const ProfileEditor = z
  .custom<ProfileFormValues>()
  // The cast only types the hand-over: `pipe` validates this object against the contract right after.
  .transform(
    (values) =>
      ({ profile: toDraftInput(values.profile), hours: toHours(values.hours), note: values.note.trim() || undefined }) as EditorInput,
  )
  .pipe(EditorContract);
export type ProfileEditorOutput = z.output<typeof ProfileEditor>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Imported values win wherever the import found something; everything else keeps what is in the form. */
export function mergeImported<T>(current: T, imported: T): T {
  if (typeof imported === 'string') return imported.trim() === '' ? current : imported;
  if (Array.isArray(imported)) return imported.length === 0 ? current : imported;
  if (isRecord(imported) && isRecord(current)) {
    const out: Record<string, unknown> = { ...current };
    for (const [key, value] of Object.entries(imported)) out[key] = mergeImported(current[key], value);
    return out as T;
  }
  return current;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * After a conflict: puts the user's own changes (what differs between `started` and `mine`) on top of the
 * version saved meanwhile (`theirs`); fields the user did not touch keep the other person's values.
 * Lists count as one value each.
 */
export function rebase<T>(started: T, mine: T, theirs: T): T {
  if (isRecord(started) && isRecord(mine) && isRecord(theirs)) {
    const out: Record<string, unknown> = { ...theirs };
    for (const key of Object.keys(mine)) out[key] = rebase(started[key], mine[key], theirs[key]);
    return out as T;
  }
  return same(started, mine) ? theirs : mine;
}
