// The labels of the published RFC 2350 document (English and French): the renderer writes "Label: value" with
// them, and the importer reads them back, so that what Tocsin publishes imports as the same profile.
import { rfc2350Sections, type ProfileField } from './profile.schemas';

type DocumentLanguage = 'en' | 'fr';

export type Labels = Record<ProfileField, string> &
  Record<
    | 'title'
    | 'tlp'
    | 'version'
    | 'published'
    | 'fingerprint'
    | 'keyId'
    | 'userId'
    | 'keyUrl'
    | 'expires'
    | 'grace'
    | 'none'
    | 'authDefault'
    | 'locationsDefault'
    | 'days',
    string
  >;

export const en: Labels = {
  title: 'RFC 2350 description of',
  tlp: 'TLP:CLEAR — this document may be distributed without restriction.',
  version: 'Version',
  published: 'Published',
  fingerprint: 'Fingerprint',
  keyId: 'Key ID',
  userId: 'User ID',
  keyUrl: 'Key',
  expires: 'Expires',
  grace: 'Grace period',
  days: 'days',
  none: 'Not applicable.',
  authDefault: 'This document is signed with the team’s OpenPGP key. The detached signature is at',
  locationsDefault: 'The current version of this document is available at',
  'document.version': 'Version',
  'document.lastUpdated': 'Date of last update',
  'document.expires': 'This document expires on',
  'document.distributionList': 'Distribution list',
  'document.locations': 'Locations',
  'document.locationsNote': 'Other locations',
  'document.authentication': 'Authentication',
  'contact.shortName': 'Short name',
  'contact.fullName': 'Full name',
  'contact.address': 'Address',
  'contact.timeZone': 'IANA time zone',
  'contact.timeZoneText': 'Time zone',
  'contact.utcOffset': 'Offset from UTC',
  'contact.telephone': 'Telephone',
  'contact.fax': 'Fax',
  'contact.otherTelecom': 'Other telecommunication',
  'contact.email': 'E-mail',
  'contact.otherEmails': 'Other e-mail addresses',
  'contact.publicKeys': 'Public keys',
  'contact.encryptionNotes': 'Encryption',
  'contact.representative': 'Team members',
  'contact.otherInfo': 'Other information',
  'contact.customerContact.text': 'Points of contact',
  'contact.customerContact.hours': 'Operating hours',
  'contact.customerContact.emergencyProcedure': 'Emergencies',
  'contact.customerContact.urgentSubjectTag': 'Subject tag for urgent reports',
  'charter.mission': 'Mission',
  'charter.constituency': 'Constituency',
  'charter.sponsorship': 'Sponsorship',
  'charter.affiliations': 'Affiliations',
  'charter.authority': 'Authority',
  'policies.incidentTypes': 'Types of incidents',
  'policies.cooperation': 'Co-operation',
  'policies.communication': 'Communication',
  'policies.tlpVersion': 'Traffic Light Protocol version',
  'policies.responsibleDisclosure': 'Responsible disclosure',
  'policies.other': 'Other policies',
  'services.incidentResponse.summary': 'Incident response',
  'services.incidentResponse.triage': 'Triage',
  'services.incidentResponse.coordination': 'Coordination',
  'services.incidentResponse.resolution': 'Resolution',
  'services.proactive': 'Proactive activities',
  reportingForms: 'Reporting forms',
  disclaimers: 'Disclaimers',
};

export const fr: Labels = {
  ...en,
  title: 'Description RFC 2350 de',
  tlp: 'TLP:CLEAR — ce document peut être diffusé sans restriction.',
  version: 'Version',
  published: 'Publié le',
  fingerprint: 'Empreinte',
  keyId: 'Identifiant de clé',
  userId: 'Identité',
  keyUrl: 'Clé',
  expires: 'Expire le',
  grace: 'Délai de grâce',
  days: 'jours',
  none: 'Sans objet.',
  authDefault: 'Ce document est signé avec la clé OpenPGP de l’équipe. La signature détachée se trouve à',
  locationsDefault: 'La version en vigueur de ce document se trouve à',
  'document.lastUpdated': 'Date de dernière mise à jour',
  'document.expires': 'Ce document expire le',
  'document.distributionList': 'Liste de diffusion',
  'document.locations': 'Emplacements',
  'document.locationsNote': 'Autres emplacements',
  'document.authentication': 'Authentification',
  'contact.shortName': 'Nom court',
  'contact.fullName': 'Nom complet',
  'contact.address': 'Adresse',
  'contact.timeZone': 'Fuseau horaire IANA',
  'contact.timeZoneText': 'Fuseau horaire',
  'contact.utcOffset': 'Décalage par rapport à UTC',
  'contact.telephone': 'Téléphone',
  'contact.fax': 'Télécopie',
  'contact.otherTelecom': 'Autres moyens de télécommunication',
  'contact.email': 'Courriel',
  'contact.otherEmails': 'Autres adresses',
  'contact.publicKeys': 'Clés publiques',
  'contact.encryptionNotes': 'Chiffrement',
  'contact.representative': 'Membres de l’équipe',
  'contact.otherInfo': 'Autres informations',
  'contact.customerContact.text': 'Points de contact',
  'contact.customerContact.hours': 'Heures d’ouverture',
  'contact.customerContact.emergencyProcedure': 'Urgences',
  'contact.customerContact.urgentSubjectTag': 'Mention d’objet pour les signalements urgents',
  'charter.mission': 'Mission',
  'charter.constituency': 'Bénéficiaires',
  'charter.sponsorship': 'Parrainage',
  'charter.affiliations': 'Affiliations',
  'charter.authority': 'Autorité',
  'policies.incidentTypes': 'Types d’incidents',
  'policies.cooperation': 'Coopération',
  'policies.communication': 'Communication',
  'policies.tlpVersion': 'Version du Traffic Light Protocol',
  'policies.responsibleDisclosure': 'Divulgation responsable',
  'policies.other': 'Autres politiques',
  'services.incidentResponse.summary': 'Réponse aux incidents',
  'services.incidentResponse.triage': 'Tri',
  'services.incidentResponse.coordination': 'Coordination',
  'services.incidentResponse.resolution': 'Résolution',
  'services.proactive': 'Activités proactives',
  reportingForms: 'Formulaires de déclaration',
  disclaimers: 'Avertissements',
};

export const labelsFor = (language: DocumentLanguage): Labels => (language === 'fr' ? fr : en);

/** Fields the published document writes without a label: the section's own text. The others carry one. */
export const bareFields: ReadonlySet<ProfileField> = new Set<ProfileField>([
  'contact.customerContact.text',
  'charter.sponsorship',
  'policies.cooperation',
  'policies.communication',
  'contact.encryptionNotes',
]);

/** Labels other documents use for the same fields (normalised as `normalizeTitle` does). */
const aliases: Partial<Record<ProfileField, readonly string[]>> = {
  'document.version': ['version', 'versi', 'document version'],
  'document.lastUpdated': ['last update', 'last updated', 'date of last update', 'tanggal update terakhir', 'derniere mise a jour'],
  'contact.shortName': ['short name', 'abbreviation', 'acronym', 'nama singkat', 'singkatan', 'nom court', 'sigle', 'kurzname'],
  'contact.fullName': [
    'full name',
    'long name',
    'official name',
    'name',
    'nama lengkap',
    'nama',
    'nom complet',
    'nom',
    'vollstandiger name',
  ],
  'contact.email': ['e mail', 'email', 'e mail address', 'email address', 'courriel', 'adresse electronique', 'alamat email'],
  'contact.timeZoneText': ['time zone', 'timezone', 'fuseau horaire', 'zona waktu', 'zeitzone'],
  'contact.utcOffset': ['offset from utc', 'utc offset', 'decalage par rapport a utc'],
  'contact.customerContact.hours': [
    'operating hours',
    'office hours',
    'business hours',
    'hours of operation',
    'heures d ouverture',
    'horaires',
    'jam kerja',
    'jam operasional',
  ],
};

/** Labels of lines the section holds but no field of its own text: a key's details, the grace period. */
const pseudo: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  '2.8': { key: ['user id', 'key id', 'fingerprint', 'key', 'expires', 'identite', 'identifiant de cle', 'empreinte', 'cle', 'expire le'] },
  '4.2': { grace: ['grace period', 'delai de grace'] },
};

/** Fields whose value the importer reads from the whole section rather than from a label. */
const unlabelled: ReadonlySet<ProfileField> = new Set<ProfileField>(['document.locations', 'contact.publicKeys']);

const norm = (text: string): string =>
  (/^[\x00-\x7f]*$/.test(text) ? text : text.normalize('NFD').replace(/[\u0300-\u036f]/g, ''))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const labelIndex = new Map<string, Map<string, string>>();

/** Normalised label → field (or pseudo-field) for the fields of one outline section. */
function labelsOf(section: string): Map<string, string> {
  const cached = labelIndex.get(section);
  if (cached) return cached;
  const out = new Map<string, string>();
  const entry = rfc2350Sections.find((s) => s.number === section);
  for (const field of entry?.fields ?? []) {
    if (unlabelled.has(field)) continue;
    for (const label of [en[field], fr[field], ...(aliases[field] ?? [])]) {
      const n = norm(label);
      if (n !== '' && !out.has(n)) out.set(n, field);
    }
  }
  for (const [name, labels] of Object.entries(pseudo[section] ?? {})) for (const l of labels) if (!out.has(l)) out.set(l, name);
  labelIndex.set(section, out);
  return out;
}

// "Label: value", "**Label:** value", "- Label : value" (French spacing); the label is short and has no colon.
const LABELLED =
  /^[ \t]{0,8}(?:[-*•][ \t]{1,3})?(?:\*\*|__)?([^:：*_\n]{1,60}?)(?:\*\*|__)?[ \t]{0,2}[:：][ \t]{0,2}(?:\*\*|__)?[ \t]{0,3}(.*)$/u;

function labelOf(line: string, labels: ReadonlyMap<string, string>): { field: string; value: string } | undefined {
  const m = LABELLED.exec(line);
  if (!m) return undefined;
  const field = labels.get(norm(m[1] ?? ''));
  return field === undefined ? undefined : { field, value: (m[2] ?? '').trim() };
}

export interface LabelledSection {
  /** Values by field (or `key`, `grace`), in document order. */
  readonly values: ReadonlyMap<string, readonly string[]>;
  /** The paragraphs no label claimed: the section's own text. */
  readonly rest: string;
}

/**
 * Split a section's text into labelled values ("Full name: …", "**Time zone:** …", a label alone on its line
 * followed by its paragraphs) and the rest. A label counts only if it names a field of that section.
 */
export function readLabelled(text: string, section: string): LabelledSection {
  const labels = labelsOf(section);
  const values = new Map<string, string[]>();
  const add = (field: string, value: string): void => {
    const list = values.get(field) ?? [];
    list.push(value.trim());
    values.set(field, list);
  };
  const rest: string[] = [];
  let open: { field: string; parts: string[] } | undefined;
  const close = (): void => {
    if (open) add(open.field, open.parts.join('\n\n'));
    open = undefined;
  };
  for (const para of text.split(/\n[ \t]*\n/)) {
    if (para.trim() === '') continue;
    const lines = para.split('\n');
    const labelledFirst = labelOf(lines[0] ?? '', labels);
    const each = labelledFirst === undefined ? [] : lines.map((l) => labelOf(l, labels));
    const whole = labelledFirst !== undefined && each.every((x) => x !== undefined && x.value !== '');
    // A key's details are read by the key reader; a paragraph of them is claimed only when wholly labelled.
    const first = labelledFirst?.field === 'key' && !whole ? undefined : labelledFirst;
    if (!first) {
      // Indentation is kept: it carries lists and nested paragraphs.
      const kept = para.replace(/^(?:[ \t]*\n)+/, '').trimEnd();
      if (open) open.parts.push(kept);
      else rest.push(kept);
      continue;
    }
    close();
    if (lines.length > 1 && whole) {
      for (const x of each) if (x) add(x.field, x.value);
    } else if (first.value === '') {
      open = { field: first.field, parts: lines.length > 1 ? [lines.slice(1).join('\n').trim()] : [] };
    } else {
      add(first.field, [first.value, ...lines.slice(1).map((l) => l.trim())].join('\n'));
    }
  }
  close();
  return { values, rest: rest.join('\n\n') };
}

const noneWords = new Set(['not applicable', 'sans objet', 'n a', 'none', 'tidak ada', 'nicht zutreffend', 'no aplica', 'non applicable']);

/** "Not applicable.", "*Sans objet.*", "N/A": a section that states it has nothing to say. */
export function saysNothing(text: string): boolean {
  return noneWords.has(norm(text));
}
