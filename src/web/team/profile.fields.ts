// The editor's fields: for each profile path, the kind of input; which inputs each RFC 2350 section holds;
// the DOM id of each input; and how a problem or "missing" path (`profile.contact.email`) finds its input.
import { rfc2350Sections, type ProfileField, type Rfc2350Section } from '#shared/rfc2350/profile.schemas';

export type FieldKind = 'text' | 'tel' | 'date' | 'email' | 'number' | 'tlp' | 'markdown' | 'emails' | 'urls' | 'strings' | 'publicKeys';

/** Every input of the profile form, by its path under `profile.`; labels are `team.fields.<path>`. */
export const fieldKinds = {
  'document.version': 'text',
  'document.lastUpdated': 'date',
  'document.expires': 'date',
  'document.distributionList.emails': 'emails',
  'document.distributionList.description': 'markdown',
  'document.locations': 'urls',
  'document.locationsNote': 'markdown',
  'document.authentication': 'markdown',
  'contact.shortName': 'text',
  'contact.fullName': 'text',
  'contact.address': 'markdown',
  'contact.timeZone': 'text',
  'contact.timeZoneText': 'text',
  'contact.utcOffset': 'text',
  'contact.telephone': 'tel',
  'contact.fax': 'tel',
  'contact.otherTelecom': 'markdown',
  'contact.email': 'email',
  'contact.otherEmails': 'emails',
  'contact.publicKeys': 'publicKeys',
  'contact.encryptionNotes': 'markdown',
  'contact.representative': 'markdown',
  'contact.otherInfo': 'markdown',
  'contact.customerContact.text': 'markdown',
  'contact.customerContact.hours': 'text',
  'contact.customerContact.emergencyProcedure': 'markdown',
  'contact.customerContact.urgentSubjectTag': 'text',
  'charter.mission': 'markdown',
  'charter.constituency': 'markdown',
  'charter.sponsorship': 'markdown',
  'charter.affiliations': 'strings',
  'charter.authority': 'markdown',
  'policies.incidentTypes': 'markdown',
  'policies.cooperation': 'markdown',
  'policies.responsibleDisclosure.text': 'markdown',
  'policies.responsibleDisclosure.gracePeriodDays': 'number',
  'policies.communication': 'markdown',
  'policies.tlpVersion': 'tlp',
  'policies.other': 'markdown',
  'services.incidentResponse.summary': 'markdown',
  'services.incidentResponse.triage': 'markdown',
  'services.incidentResponse.coordination': 'markdown',
  'services.incidentResponse.resolution': 'markdown',
  'services.proactive': 'markdown',
  reportingForms: 'markdown',
  disclaimers: 'markdown',
} as const satisfies Record<string, FieldKind>;

export type EditorPath = keyof typeof fieldKinds;

/** Fields with a specific help text (`team.hints.<path>`), besides the "Markdown" note. */
export const hintPaths = [
  'document.expires',
  'document.distributionList.description',
  'document.locations',
  'document.authentication',
  'contact.shortName',
  'contact.timeZone',
  'contact.timeZoneText',
  'contact.utcOffset',
  'contact.customerContact.hours',
  'contact.customerContact.urgentSubjectTag',
  'charter.affiliations',
  'policies.responsibleDisclosure.gracePeriodDays',
  'services.proactive',
] as const satisfies readonly EditorPath[];
export type HintPath = (typeof hintPaths)[number];

export function hasHint(path: EditorPath): path is HintPath {
  return (hintPaths as readonly string[]).includes(path);
}

export function isEditorPath(value: string): value is EditorPath {
  return Object.hasOwn(fieldKinds, value);
}

// Two outline fields are small objects; the editor shows their parts as separate inputs.
const expansions: Partial<Record<ProfileField, readonly EditorPath[]>> = {
  'document.distributionList': ['document.distributionList.emails', 'document.distributionList.description'],
  'policies.responsibleDisclosure': ['policies.responsibleDisclosure.text', 'policies.responsibleDisclosure.gracePeriodDays'],
};

export function editorPathsOf(field: ProfileField): readonly EditorPath[] {
  return expansions[field] ?? (isEditorPath(field) ? [field] : []);
}

export function sectionTitle(section: Rfc2350Section, language: string): string {
  return language.startsWith('fr') ? section.titleFr : section.titleEn;
}

/** The DOM id of the input (or list group) at a form path: `profile.contact.email` → `team-profile-contact-email`. */
export function fieldDomId(formPath: string): string {
  return `team-${formPath.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

// What TeamProfile requires inside an object the draft lacks entirely ("profile.contact" is missing).
const requiredInside: Record<string, readonly EditorPath[]> = {
  document: ['document.lastUpdated'],
  contact: ['contact.fullName', 'contact.email', 'contact.timeZone'],
};

export interface FieldRef {
  /** The editor field, when the path is one of the profile's. */
  field: EditorPath | null;
  /** The form path the path points into (`profile.contact.publicKeys.0.keyId`), for focusing. */
  formPath: string;
  message: string;
}

/** `body.profile.contact.email` / `profile.contact` → the editor fields they are about (one or more). */
export function fieldRefsOf(path: string, message: string): FieldRef[] {
  const formPath = path
    .replace(/^\//, '')
    .replace(/\//g, '.')
    .replace(/^body\./, '');
  if (!formPath.startsWith('profile.')) return [{ field: null, formPath, message }];
  const inner = formPath.slice('profile.'.length);
  const inside = requiredInside[inner];
  if (inside) return inside.map((field) => ({ field, formPath: `profile.${field}`, message }));
  const field = (Object.keys(fieldKinds) as EditorPath[])
    .filter((candidate) => inner === candidate || inner.startsWith(`${candidate}.`))
    .sort((a, b) => b.length - a.length)[0];
  return [{ field: field ?? null, formPath: field ? `profile.${field}` : formPath, message }];
}

/** Sections with inputs, in outline order, each with the chapter it belongs to. */
export const editorSections = rfc2350Sections.map((section) => ({
  section,
  paths: section.fields.flatMap(editorPathsOf),
  chapter: !section.number.includes('.'),
}));

/** Moves keyboard focus to the input of a form path (every section is always rendered, none is collapsed). */
export function focusField(formPath: string): void {
  const element = document.getElementById(fieldDomId(formPath));
  element?.focus(); // focusing scrolls it into view; CSS scroll-margin keeps it clear of the sticky header
}
