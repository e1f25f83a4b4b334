// Field readers for RFC 2350 prose: e-mail addresses (also obfuscated ones), URLs, telephone numbers, the
// team's names, operating hours, TLP, affiliations, version, disclosure policy and the urgent-subject tag.

export interface EmailHit {
  readonly email: string;
  /** Written as "cert (at) example (dot) org" and the like. */
  readonly obfuscated: boolean;
  /** The obfuscated form as written, when obfuscated. */
  readonly written?: string;
}

// Bounded quantifiers; label characters never overlap the "." that separates labels.
const EMAIL =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;
const AT_BRACKETED = /[ ]{0,3}[[({<][ ]{0,2}(?:at|@)[ ]{0,2}[\])}>][ ]{0,3}/gi;
const DOT_BRACKETED = /[ ]{0,3}[[({<][ ]{0,2}(?:dot|punto|point|titik|punkt|\.)[ ]{0,2}[\])}>][ ]{0,3}/gi;
const AT_WORDS =
  /(?<![A-Za-z0-9._%+-])([A-Za-z0-9][A-Za-z0-9._%+-]{0,63})[ ]{1,3}(?:at|AT)[ ]{1,3}([A-Za-z0-9-]{1,63}(?:[ ]{1,3}(?:dot|DOT)[ ]{1,3}[A-Za-z0-9-]{1,63}){1,6})(?![A-Za-z0-9])/g;
/** Beyond this many hits on one line or in one text, the rest are not read (a description has a handful). */
const MAX_PER_LINE = 50;
const URL = /\b(?:https?|ftp):\/\/[^\s<>"'`\])}]{1,2000}/gi;

/** Every e-mail address on one line, de-obfuscating "(at)", "[at]", "{at}", "<at>", " at … dot …". */
export function findEmails(line: string): EmailHit[] {
  if (!line.includes('@') && !/at/i.test(line)) return [];
  const plain = [...new Set([...line.matchAll(EMAIL)].slice(0, MAX_PER_LINE).map((m) => m[0].toLowerCase()))];
  const out: EmailHit[] = plain.map((email) => ({ email, obfuscated: false }));
  if (!/\bat\b|\bdot\b|[[({<][ ]{0,2}[@.][ ]{0,2}[\])}>]/i.test(line)) return out;
  // Why: obfuscated addresses are still the team's addresses; read them, but say they are hard to use.
  const bracketed = line.replace(AT_BRACKETED, '@').replace(DOT_BRACKETED, '.');
  const worded = bracketed.replace(AT_WORDS, (all: string, local: string, domain: string) => {
    const labels = domain.split(/[ ]{1,3}(?:dot|DOT)[ ]{1,3}/);
    return /^[A-Za-z]{2,24}$/.test(labels[labels.length - 1] ?? '') ? `${local}@${labels.join('.')}` : all;
  });
  if (worded === line) return out;
  const writtenForms = obfuscatedForms(line);
  for (const m of [...worded.matchAll(EMAIL)].slice(0, MAX_PER_LINE)) {
    const email = m[0].toLowerCase();
    if (plain.includes(email) || out.some((h) => h.email === email)) continue;
    const written = writtenForms.shift();
    out.push(written === undefined ? { email, obfuscated: true } : { email, obfuscated: true, written });
  }
  return out;
}

/** The obfuscated spellings on a line, in order, for messages ("security(at)github(dot)com"). */
function obfuscatedForms(line: string): string[] {
  const forms: string[] = [];
  const re =
    /[A-Za-z0-9._%+-]{1,64}(?:[ ]{0,3}[[({<][ ]{0,2}(?:at|@)[ ]{0,2}[\])}>][ ]{0,3}|[ ]{1,3}(?:at|AT)[ ]{1,3}|@)[A-Za-z0-9-]{1,63}(?:(?:[ ]{0,3}[[({<][ ]{0,2}(?:dot|punto|point|titik|punkt|\.)[ ]{0,2}[\])}>][ ]{0,3}|[ ]{1,3}(?:dot|DOT)[ ]{1,3}|\.)[A-Za-z0-9-]{1,63}){1,8}/gi;
  for (const m of line.matchAll(re)) if (!/^[^@]+@[^@]+$/.test(m[0]) || /[[({<]|\s/.test(m[0])) forms.push(m[0].trim());
  return forms;
}

export function findUrls(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(URL)) {
    out.add(m[0].replace(/[.,;:!?*]+$/, ''));
    if (out.size >= MAX_PER_LINE) break;
  }
  return [...out];
}

// A group is digits, optionally in parentheses and optionally run on after them ("+49 (0)30 1234"); groups are
// separated by spaces, dots, dashes or slashes, so no two quantifiers compete for the same digits.
const PHONE = /(?<![\w+])(?:\+|00)?\(?\d{1,5}(?:\)\d{1,8})?\)?(?:[ .\-/]{1,2}\(?\d{1,8}(?:\)\d{1,8})?\)?){0,7}(?![\w])/g;

/** Telephone numbers written in `text` (7 to 15 digits; dates and versions are not numbers). */
export function findPhones(text: string): string[] {
  const out: string[] = [];
  for (const m of text.slice(0, 5_000).matchAll(PHONE)) {
    if (out.length >= MAX_PER_LINE) break;
    const raw = m[0].trim();
    const digits = raw.replace(/\D/g, '').length;
    if (digits < 6 || digits > 15) continue;
    if (/^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}$/.test(raw)) continue;
    if (!out.includes(raw)) out.push(raw);
  }
  return out;
}

const ALIAS =
  /^(.{3,200}?),?[ ]+(?:disingkat|abbreviated(?: as)?|also known as|a\.k\.a\.?|aka|hereinafter(?: referred to as)?|selanjutnya disebut|ci-apr[eè]s|abgek[üu]rzt|abreviado)[ ]*:?[ ]*["“']?([^\s"”',.;:]{2,40})/iu;
const SHORT_THEN_FULL = /^["“']?([^\s"”':]{2,40})["”']?[ ]?(?::|[ ][-\u2013\u2014])[ ]+(?:the[ ]+)?(.{3,300})$/iu;
const FULL_THEN_SHORT = /^(.{3,200}?)[ ]?\(([^()\s]{2,30})\)(.{0,100})$/u;
export const TEAM_TOKEN =
  /(?<![\p{L}\d-])(?:[\p{L}\d]{1,24}-(?:CERT|CSIRT|SIRT|CIRT|PSIRT|SOC|ISAC)(?:-[\p{L}\d]{1,10})?|(?:CERT|CSIRT|CIRT|SIRT)-[\p{L}\d]{1,24})(?![\p{L}\d-])/gu;

// A labelled value ends at the line's end or where another value starts (" / ", "; ", " | ").
const NAME_VALUE = String.raw`[ \t]{0,3}[:：][ \t]{0,3}([^\n;|]{1,300}?)(?=[ \t]+\/[ \t]+|[ \t]*[;|]|[ \t]*\n|[ \t]*$)`;
const SHORT_LABEL = new RegExp(
  String.raw`(?<![\p{L}])(?:short[ -]?name|abbreviation|acronym|nama singkat|singkatan|nom court|sigle|kurzname|nombre corto)` + NAME_VALUE,
  'iu',
);
const FULL_LABEL = new RegExp(
  String.raw`(?<![\p{L}])(?:full[ -]?name|long name|official name|nama lengkap|nom complet|vollst[äa]ndiger name|nombre completo)` +
    NAME_VALUE,
  'iu',
);

const tidy = (s: string): string =>
  s
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s"“']+|[\s"”'.;,:]+$/g, '')
    .trim();

/** Short and full names from the text of "2.1 Name of the Team" (its first paragraph). */
export function readTeamName(text: string, whole: string): { shortName?: string; fullName?: string } {
  // "Short name: X", "Full name: Y", on their own lines or on one ("Short name: X / Full name: Y").
  const plain = text.replace(/\*\*|__/g, '');
  const shortLabel = SHORT_LABEL.exec(plain)?.[1];
  const fullLabel = FULL_LABEL.exec(plain)?.[1];
  if (shortLabel !== undefined || fullLabel !== undefined) {
    const out: { shortName?: string; fullName?: string } = {};
    if (shortLabel !== undefined && tidy(shortLabel) !== '') out.shortName = tidy(shortLabel);
    if (fullLabel !== undefined && tidy(fullLabel) !== '') out.fullName = tidy(fullLabel);
    return out;
  }
  const first = tidy((text.split(/\n\s*\n/)[0] ?? '').replace(/^[-*•>]\s*/gm, '').replace(/\n/g, ' '));
  if (first === '') return {};
  const alias = ALIAS.exec(first);
  if (alias?.[1] !== undefined && alias[2] !== undefined) return { shortName: tidy(alias[2]), fullName: tidy(alias[1]) };
  const shortFull = SHORT_THEN_FULL.exec(first);
  if (shortFull?.[1] !== undefined && shortFull[2] !== undefined) return { shortName: tidy(shortFull[1]), fullName: tidy(shortFull[2]) };
  const fullShort = FULL_THEN_SHORT.exec(first);
  if (fullShort?.[1] !== undefined && fullShort[2] !== undefined && /\p{Lu}/u.test(fullShort[2])) {
    const fullName = tidy(fullShort[1]);
    const firstWord = fullName.split(' ')[0] ?? '';
    // "GitHub Security Incident Response Team (SIRT)" is called "GitHub SIRT" throughout the document.
    const prefixed = `${firstWord} ${fullShort[2]}`;
    return { shortName: firstWord !== '' && whole.includes(prefixed) ? prefixed : fullShort[2], fullName };
  }
  if (first.length > 200) return {};
  return /\s/.test(first) ? { fullName: first } : { shortName: first };
}

/** The name a document is about when section 2.1 says nothing: its most frequent "X-CERT" / "CSIRT-X" token. */
export function guessShortName(whole: string): string | undefined {
  const counts = new Map<string, number>();
  for (const m of whole.slice(0, 200_000).matchAll(TEAM_TOKEN)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function sentences(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .flatMap((p) => p.split(/(?<=[.!?])\s+(?=[\p{Lu}"“(])/u))
    .filter((s) => s !== '');
}

// The first time needs minutes or am/pm ("09:00-17:00", "07.30-16.00", "9am-5pm"): "2025-12-18" is no range.
const TIME_RANGE =
  /(?<![\d.:\-/])(?:[01]?\d|2[0-4])(?:[:.h][0-5]\d|h(?![\p{L}\d])|[ ]?[ap]\.?m\.?)[ ]{0,2}(?:-|–|—|to|until|till|s\.?d\.?|sampai|hingga|à|a|bis|au)[ ]{0,2}(?:[01]?\d|2[0-4])(?:[:.h][0-5]\d|[ ]?[ap]\.?m\.?)?(?![\d])/iu;
const HOURS_WORDS =
  /24[ ]?[/x×][ ]?7|24 hours|24 jam|business hours|office hours|working hours|hours of operation|operating hours|opening hours|jam kerja|hari kerja|jam operasional|heures ouvr|heures de bureau|horaires|servicezeiten|gesch[äa]ftszeiten|b[üu]rozeiten|horario|best[ -]effort/iu;

/** Operating hours as written: sentences with a time range first, else those naming hours. */
export function findHours(text: string): string | undefined {
  const all = sentences(text.slice(0, 50_000));
  const timed = all.filter((s) => TIME_RANGE.test(s));
  const picked = timed.length > 0 ? timed : all.filter((s) => HOURS_WORDS.test(s));
  if (picked.length === 0) return undefined;
  return picked.slice(0, 2).join(' ').slice(0, 500);
}

const URGENT_WORDS = /urgent|emergenc|darurat|mendesak|urgence|notfall|dringend|emergencia|urgente|24[ ]?[/x×][ ]?7/iu;
const SUBJECT_TAG = /["“'[]([^"”'\]\n]{2,20})["”'\]][^.\n]{0,40}?(?:subject|subjek|perihal|judul|objet|betreff|asunto)/iu;
const BRACKET_TAG = /\[(?:URGENT|URGENTE|MENDESAK|DRINGEND|EMERGENCY|DARURAT)\]/i;

export function findEmergency(text: string): { procedure?: string; tag?: string } {
  const out: { procedure?: string; tag?: string } = {};
  const urgent = sentences(text.slice(0, 50_000)).filter((s) => URGENT_WORDS.test(s));
  if (urgent.length > 0) out.procedure = urgent.slice(0, 3).join(' ');
  const bracket = BRACKET_TAG.exec(text);
  const quoted = urgent.map((s) => SUBJECT_TAG.exec(s)?.[1]).find((t) => t !== undefined);
  const tag = bracket?.[0] ?? quoted;
  if (tag !== undefined) out.tag = tag.trim().slice(0, 50);
  return out;
}

const TLP_MENTION =
  /\bTLP\b|traffic[ -]light[ -]protocol|protokol lampu lalu lintas|protocole (?:du )?feu (?:tricolore|de signalisation)|ampelprotokoll|protocolo de sem[aá]foro/iu;

/** Whether the document states a TLP policy, and which version its labels or wording imply. */
export function findTlp(text: string): { mentioned: boolean; version?: string; v1Labels: boolean } {
  if (!TLP_MENTION.test(text)) return { mentioned: false, v1Labels: false };
  const explicit = /\bTLP[ ]?(?:v(?:ersion)?\.?[ ]?)?([12](?:\.\d)?)\b/i.exec(text)?.[1];
  const v2Labels = /\bTLP[: ]{0,2}(?:CLEAR|AMBER\+STRICT)\b/i.test(text);
  const v1Labels = /\bTLP[: ]{0,2}WHITE\b/i.test(text);
  const version =
    explicit !== undefined ? (explicit.includes('.') ? explicit : `${explicit}.0`) : v2Labels ? '2.0' : v1Labels ? '1.0' : undefined;
  return version === undefined ? { mentioned: true, v1Labels } : { mentioned: true, version, v1Labels: v1Labels && !v2Labels };
}

const affiliations: ReadonlyArray<readonly [string, RegExp]> = [
  ['FIRST', /\bFIRST\b|Forum of Incident Response and Security Teams/u],
  ['TF-CSIRT', /\bTF-?CSIRT\b/i],
  ['Trusted Introducer', /Trusted Introducer/i],
  ['APCERT', /\bAPCERT\b/i],
  ['OIC-CERT', /\bOIC-?CERT\b/i],
  ['CSIRTs Network', /\bCSIRTs Network\b/i],
  ['EGC', /\bEGC\b/u],
  ['AfricaCERT', /\bAfricaCERT\b/i],
  ['InterCERT France', /\bInterCERT\b/i],
  ['CSIRT Americas', /\bCSIRT ?Americas\b/i],
];

export function findAffiliations(text: string): string[] {
  return affiliations.filter(([, re]) => re.test(text)).map(([name]) => name);
}

/** "Version 1.02", "versi 1.2", "This is version 1.01", "- Versi: 1.2". */
export function findVersion(text: string): string | undefined {
  // "Traffic Light Protocol version 2.0", "PGP version 5" are not the document's version.
  const m =
    /(?<!(?:protocol|protocole|TLP|PGP|GnuPG|GPG|TLS|du)[ ]{1,2})\b(?:version|versi|versión|versie|fassung)\b[ :]{0,3}(?:ini[ ]+)?(?:versi[ ]+)?v?(\d{1,3}(?:\.\d{1,3}){0,3})(?![\d])/iu.exec(
      text,
    );
  return m?.[1];
}

const DISCLOSURE =
  /responsible disclosure|coordinated (?:vulnerability )?disclosure|\bCVD\b|divulgation (?:responsable|coordonn[ée]e)|pengungkapan (?:yang )?bertanggung ?jawab|verantwortungsvolle offenlegung|koordinierte offenlegung|divulgaci[oó]n (?:responsable|coordinada)/iu;

/** The paragraph stating a responsible / coordinated disclosure policy, and its grace period if stated. */
export function findDisclosure(text: string): { text: string; gracePeriodDays?: number } | undefined {
  const paragraph = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .find((p) => DISCLOSURE.test(p));
  if (paragraph === undefined) return undefined;
  const days = /(?<!\d)(\d{1,4})[ -]?(?:calendar |working )?(?:days?|hari|jours?|tagen?|d[ií]as)\b/iu.exec(paragraph)?.[1];
  return days === undefined ? { text: paragraph } : { text: paragraph, gracePeriodDays: Number(days) };
}
