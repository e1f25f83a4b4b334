// The RFC 2350 importer: `parseRfc2350(text)` turns a published CSIRT description (plain text or Markdown,
// any of several languages) into a TeamProfileDraft, the sections found, and the findings that need no clock.
import { findDates, type DateHit } from './dates';
import { finding, sortFindings, type Finding, type FoundSection, type ParseResult } from './findings';
import { scanSections } from './headings';
import { readKeys } from './keys';
import { missingSectionFindings } from './outline-check';
import { buildProfile, type Facts } from './profile-build';
import { readLabelled, type LabelledSection } from './labels';
import { prepareText, type Line } from './text';
import { readTimeZone } from './timezone';
import { findEmails, findPhones, findTlp, findUrls, findVersion, guessShortName, readTeamName } from './extract';

/** A date the checker compares with `now`. */
export interface DatedFact {
  readonly kind: 'lastUpdated' | 'expires' | 'keyExpires';
  readonly iso: string;
  readonly line: number;
  readonly section?: string | undefined;
}

export interface Analysis {
  readonly result: ParseResult;
  readonly dated: readonly DatedFact[];
}

interface ContentLine {
  readonly n: number;
  readonly text: string;
  readonly section?: string | undefined;
}

const EXPIRY =
  /expir|valid until|valid through|valid till|berlaku (?:hingga|sampai)|kedaluwarsa|kadaluarsa|kadaluwarsa|g[üu]ltig bis|valable jusqu|v[aá]lid[oa] hasta|caduca/iu;
const KEYISH = /\bkey\b|kunci|cl[ée]s?\b|schl[üu]ssel|clave|pgp|gpg/iu;
const UPDATED =
  /last update|updated|last revised|diperbarui|diterbitkan|tanggal publikasi|date de publication|mise [àa] jour|aktualisiert|actualizad|published|publication date|dated/iu;
const PHONE_LABEL =
  /^[-*•\s]*(?:tel(?:ephone|epon|efon|[ée]fono|[ée]phone)?|phone|telp|hotline|mobile)\.?(?:[ ]+(?:number|nomor|no\.?))?[ ]*[:.]/iu;
const FAX_LABEL = /^[-*•\s]*(?:fax|faks|facsimile|telefax|t[ée]l[ée]copie)\.?(?:[ ]+(?:number|nomor|no\.?))?[ ]*[:.]/iu;
const TZ_LABEL = /(?:time[ ]?zone|zona waktu|fuseau horaire|zeitzone|zona horaria)[ ]*[:：][ ]*(.{1,200})/iu;

/** Parse a published RFC 2350 document. Never throws on a string. */
export function parseRfc2350(text: string): ParseResult {
  return analyseRfc2350(text).result;
}

/** `parseRfc2350` plus the dates the checker needs; the shared core of parse and check. */
export function analyseRfc2350(text: string): Analysis {
  try {
    return analyse(text);
  } catch (error) {
    // Why: an importer must answer for any upload; a bug here is reported, not thrown at the request.
    const detail = error instanceof Error ? error.message.slice(0, 200) : 'unknown error';
    return {
      result: {
        profile: {},
        sections: [],
        findings: [finding('error', 'parser-error', `The document could not be analysed (${detail}).`, {}, { detail })],
      },
      dated: [],
    };
  }
}

function analyse(text: string): Analysis {
  const prepared = prepareText(text);
  if (!prepared.ok) return { result: { profile: {}, sections: [], findings: [prepared.finding] }, dated: [] };
  const { lines } = prepared;
  const scan = scanSections(lines);
  const findings: Finding[] = [...prepared.findings, ...scan.findings, ...missingSectionFindings(scan.sections)];
  const content = contentLines(lines, scan.sections);
  // Blank lines kept: paragraphs matter to the sentence-level readers.
  const whole = lines
    .filter((l) => l.kind === 'text' || l.kind === 'code' || l.kind === 'blank')
    .map((l) => l.text)
    .join('\n');
  const covering = (num: string): FoundSection[] => {
    const own = scan.sections.filter((s) => s.canonical === num);
    return own.length > 0 ? own : scan.sections.filter((s) => s.covers.includes(num));
  };
  const textOf = (num: string): string =>
    covering(num)
      .map((s) => s.text)
      .filter((t) => t !== '')
      .join('\n\n');
  // The heading line counts: "2.4 Telephone Number: +62 21 555 1234" carries its value inline.
  const linesOf = (num: string): ContentLine[] => covering(num).flatMap((s) => rowsBetween(content, s.line, s.endLine));

  const labelledCache = new Map<string, LabelledSection>();
  const labelled = (num: string): LabelledSection => {
    let hit = labelledCache.get(num);
    if (!hit) {
      hit = readLabelled(textOf(num), num);
      labelledCache.set(num, hit);
    }
    return hit;
  };
  const facts: Facts = { sections: scan.sections, textOf, labelled };
  const dated: DatedFact[] = [];

  // E-mail addresses: the 2.7 section first, then customer contact, then anywhere.
  const emailsAt = new Map<number, string[]>();
  for (const line of content) {
    const hits = findEmails(line.text);
    if (hits.length === 0) continue;
    emailsAt.set(
      line.n,
      hits.map((h) => h.email),
    );
    for (const h of hits.filter((x) => x.obfuscated)) {
      const shown = h.written ?? h.email;
      findings.push(
        finding(
          'warning',
          'obfuscated-email',
          `The address "${shown}" is obfuscated; read as ${h.email}.`,
          { line: line.n, section: line.section },
          { written: shown, email: h.email },
        ),
      );
    }
  }
  const emailsIn = (rows: readonly ContentLine[]): string[] => [...new Set(rows.flatMap((l) => emailsAt.get(l.n) ?? []))];
  const contactEmails = [...new Set([...emailsIn(linesOf('2.7')), ...emailsIn(linesOf('2.11'))])];
  const allEmails = emailsIn(content);
  facts.listEmails = emailsIn(linesOf('1.2'));
  // The distribution list's addresses (and its subscription address) are not the team's contact address.
  const listLines = new Set(linesOf('1.2').map((l) => l.n));
  facts.email = contactEmails[0] ?? emailsIn(content.filter((l) => !listLines.has(l.n)))[0];
  facts.otherEmails = contactEmails.filter((e) => e !== facts.email);
  // "E-mail: …" and "Other e-mail addresses: …" say which address is which.
  const mailLabels = labelled('2.7').values;
  const labelledMain = (mailLabels.get('contact.email') ?? []).flatMap((v) => findEmails(v).map((h) => h.email));
  const labelledOther = (mailLabels.get('contact.otherEmails') ?? []).flatMap((v) => findEmails(v).map((h) => h.email));
  if (labelledMain.length > 0) {
    facts.email = labelledMain[0];
    facts.otherEmails = [...new Set([...labelledMain.slice(1), ...labelledOther])];
  } else if (labelledOther.length > 0 && facts.email !== undefined && labelledOther.includes(facts.email)) {
    facts.otherEmails = labelledOther.filter((e) => e !== facts.email);
  }
  if (allEmails.length === 0) findings.push(finding('error', 'no-email', 'The document gives no e-mail address.', { section: '2.7' }));
  else if (facts.email === undefined) {
    findings.push(
      finding(
        'warning',
        'no-email',
        'The document gives no contact e-mail address, only its distribution list’s.',
        { section: '2.7' },
        {
          kind: 'listOnly',
        },
      ),
    );
  }

  // Names.
  const names = readTeamName(textOf('2.1'), whole);
  facts.fullName = names.fullName;
  facts.shortName = names.shortName ?? (names.fullName === undefined ? guessShortName(whole) : undefined);

  // Telephone and fax: their sections, else labelled lines anywhere.
  const phoneRows = linesOf('2.4');
  const faxRows = linesOf('2.5');
  const faxSectionIsPhone = covering('2.5').some((s) => s.covers.includes('2.4'));
  facts.telephone =
    firstPhone(phoneRows.filter((l) => !FAX_LABEL.test(l.text))) ?? firstPhone(content.filter((l) => PHONE_LABEL.test(l.text)));
  facts.fax =
    firstPhone(faxSectionIsPhone ? faxRows.filter((l) => FAX_LABEL.test(l.text)) : faxRows) ??
    firstPhone(content.filter((l) => FAX_LABEL.test(l.text)));

  // Time zone.
  readZone(facts, findings, textOf('2.3'), labelled('2.3'), content, covering('2.3')[0]);

  // Keys.
  const keys = readKeys(content);
  findings.push(...keys.findings);
  facts.keys = keys.keys;
  // "Key: https://…" beside a key's details is that key's location.
  for (const row of linesOf('2.8')) {
    const url = /(?:^|[\s*])(?:key|cl[ée]|kunci|schl[üu]ssel|clave)(?:\s?url)?\s?\**\s?[:：]\s?\**\s?((?:https?|ftp):\/\/\S+)/iu.exec(
      row.text,
    )?.[1];
    if (url === undefined) continue;
    const key = facts.keys.slice().sort((a, b) => Math.abs(a.line - row.n) - Math.abs(b.line - row.n))[0];
    if (key) key.url ??= url.replace(/[.,;:!?*]+$/, '');
  }
  facts.keyUrl = findUrls(textOf('2.8')).find((u) => /\.(?:asc|gpg|pub|key)$|pgp|openpgp|keys?\b|pks|\/key/i.test(u));
  const keyBlock = lines.some((l) => l.kind === 'pgp' && /BEGIN PGP PUBLIC KEY BLOCK/.test(l.text));
  if (keys.keys.length === 0 && !keyBlock && facts.keyUrl === undefined) {
    findings.push(
      finding('warning', 'no-pgp-key', 'The document gives no PGP key (no key ID, fingerprint, key block or key URL).', { section: '2.8' }),
    );
  }

  // Dates: impossible ones anywhere; the last update; the document's and the keys' expiry.
  const datesAt = new Map<number, DateHit[]>();
  for (const line of content) {
    const hits = findDates(line.text);
    if (hits.length === 0) continue;
    datesAt.set(line.n, hits);
    for (const h of hits.filter((x) => x.issue === 'impossible')) {
      findings.push(
        finding(
          'error',
          'date-impossible',
          `The date "${h.raw}" does not exist.`,
          { line: line.n, section: line.section },
          { date: h.raw },
        ),
      );
    }
    for (const h of hits.filter((x) => x.issue === 'placeholder')) {
      findings.push(
        finding(
          'error',
          'date-placeholder',
          `"${h.raw}" is a placeholder left where a date should be.`,
          { line: line.n, section: line.section },
          { date: h.raw },
        ),
      );
    }
  }
  readLastUpdate(facts, findings, dated, linesOf('1.1'), content, datesAt, covering('1.1')[0]);
  for (const [i, line] of content.entries()) {
    const expiry = EXPIRY.exec(line.text);
    if (!expiry) continue;
    // gpg writes "pub rsa4096 2020-01-01 [SC] [expires: 2025-01-01]": the date after the word is the expiry.
    const onLine = (datesAt.get(line.n) ?? []).filter((h) => h.iso !== undefined);
    const own = onLine.find((h) => h.index > expiry.index) ?? onLine[0];
    const next = content[i + 1];
    const hit = own ?? (/[:：]\s*$/.test(line.text) && next ? (datesAt.get(next.n) ?? []).find((h) => h.iso !== undefined) : undefined);
    if (!hit?.iso) continue;
    ambiguity(findings, hit, line);
    const keyish = line.section === '2.8' || KEYISH.test(line.text);
    if (keyish) {
      const key = facts.keys.slice().sort((a, b) => Math.abs(a.line - line.n) - Math.abs(b.line - line.n))[0];
      if (key) key.expires ??= hit.iso;
      dated.push({ kind: 'keyExpires', iso: hit.iso, line: line.n, section: line.section });
    } else if (facts.expires === undefined) {
      facts.expires = hit.iso;
      dated.push({ kind: 'expires', iso: hit.iso, line: line.n, section: line.section });
    }
  }

  // TLP.
  const tlp = findTlp(whole);
  facts.tlpVersion = tlp.version;
  if (!tlp.mentioned)
    findings.push(finding('warning', 'no-tlp', 'The document does not say whether or how the team uses the Traffic Light Protocol (TLP).'));
  if (tlp.v1Labels)
    findings.push(finding('info', 'tlp-v1', 'The document uses TLP 1.0 labels (TLP:WHITE); TLP 2.0 replaced them (TLP:CLEAR) in 2022.'));

  facts.version = (covering('1.1').length > 0 ? findVersion(textOf('1.1')) : undefined) ?? findVersion(whole.slice(0, 5_000));
  facts.whole = whole;
  const profile = buildProfile(facts);
  return { result: { profile, sections: scan.sections, findings: sortFindings(findings) }, dated };
}

/** Lines that carry the document's words, each tagged with the outline section it sits in. */
function contentLines(lines: readonly Line[], sections: readonly FoundSection[]): ContentLine[] {
  const out: ContentLine[] = [];
  let s = -1;
  for (const line of lines) {
    while (s + 1 < sections.length && (sections[s + 1]?.line ?? Infinity) <= line.n) s++;
    if (line.kind !== 'text' && line.kind !== 'code') continue;
    if (line.text.trim() === '') continue;
    out.push({ n: line.n, text: line.text, section: sections[s]?.canonical });
  }
  return out;
}

/** Content lines numbered `from`..`to` (content is in line order: binary search, not a scan). */
function rowsBetween(content: readonly ContentLine[], from: number, to: number): ContentLine[] {
  let lo = 0;
  let hi = content.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((content[mid]?.n ?? Infinity) < from) lo = mid + 1;
    else hi = mid;
  }
  const out: ContentLine[] = [];
  for (let i = lo; i < content.length; i++) {
    const row = content[i];
    if (!row || row.n > to) break;
    out.push(row);
  }
  return out;
}

function firstPhone(rows: readonly ContentLine[]): string | undefined {
  for (const row of rows) {
    const phone = findPhones(row.text.replace(PHONE_LABEL, ' ').replace(FAX_LABEL, ' '))[0];
    if (phone !== undefined) return phone;
  }
  return undefined;
}

function readZone(
  facts: Facts,
  findings: Finding[],
  zoneText: string,
  labels: LabelledSection,
  content: readonly ContentLine[],
  section: FoundSection | undefined,
): void {
  // "IANA time zone: Europe/Paris" names the zone outright: the other lines describe it, they add no zone.
  const named = labels.values.get('contact.timeZone')?.[0];
  const iana = named === undefined ? undefined : readTimeZone(named)?.iana;
  if (iana !== undefined) {
    facts.timeZone = iana;
    const described = labels.values.get('contact.timeZoneText')?.[0] ?? (labels.rest.trim() === '' ? undefined : labels.rest);
    facts.timeZoneText = described
      ?.replace(/[ \t]+/g, ' ')
      .trim()
      .slice(0, 500);
    const offset = labels.values.get('contact.utcOffset')?.[0];
    facts.utcOffset = offset === undefined ? undefined : readTimeZone(/^[+\-\u2212]/.test(offset) ? `UTC${offset}` : offset)?.utcOffset;
    return;
  }
  let source = zoneText;
  let line = section?.line;
  if (source.trim() === '') {
    const labelled = content.find((l) => TZ_LABEL.test(l.text));
    source = labelled ? (TZ_LABEL.exec(labelled.text)?.[1] ?? '') : '';
    line = labelled?.n;
  }
  if (source.trim() === '') {
    // No time-zone statement; an offset written beside the hours ("9:00 to 17:00 (UTC+2)") still says one.
    const offsetLine = content.find((l) => /(?<![\p{L}])(?:UTC|GMT)[ ]?[+\-\u2212][ ]?\d/u.test(l.text));
    const offset =
      offsetLine === undefined
        ? undefined
        : readTimeZone(offsetLine.text.match(/(?<![\p{L}])(?:UTC|GMT)[ ]?[+\-\u2212][ ]?\d{1,2}(?:[:.h]?\d{2})?/u)?.[0] ?? '')?.utcOffset;
    if (offset !== undefined) facts.utcOffset = offset;
    findings.push(finding('warning', 'no-timezone', 'The document does not state the team’s time zone.', { section: '2.3' }));
    return;
  }
  const described = labels.values.get('contact.timeZoneText')?.[0];
  facts.timeZoneText = (described ?? source)
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n/g, '\n')
    .trim()
    .slice(0, 500);
  const reading = readTimeZone(source);
  if (!reading) {
    findings.push(
      finding(
        'warning',
        'timezone-unrecognised',
        `The time zone "${facts.timeZoneText.replace(/\s+/g, ' ').slice(0, 80)}" is not one we recognise.`,
        { line, section: '2.3' },
        { text: facts.timeZoneText.replace(/\s+/g, ' ').slice(0, 80) },
      ),
    );
    return;
  }
  facts.timeZone = reading.iana;
  facts.utcOffset = reading.utcOffset;
  if (reading.zones.length > 1) {
    findings.push(
      finding(
        'info',
        'multiple-timezones',
        `The team states several time zones (${reading.zones.join(', ')}); ${reading.zones[0] ?? ''} was kept.`,
        { line, section: '2.3' },
        { zones: reading.zones.join(', '), kept: reading.zones[0] ?? '', count: reading.zones.length },
      ),
    );
  }
}

function ambiguity(findings: Finding[], hit: DateHit, line: ContentLine): void {
  if (hit.issue !== 'ambiguous' || hit.iso === undefined) return;
  findings.push(
    finding(
      'warning',
      'date-ambiguous',
      `The date "${hit.raw}" can be read as ${hit.iso} or ${hit.alternative ?? '?'}; it was read day-first (${hit.iso}).`,
      { line: line.n, section: line.section },
      { date: hit.raw, iso: hit.iso, alternative: hit.alternative ?? '?' },
    ),
  );
}

function readLastUpdate(
  facts: Facts,
  findings: Finding[],
  dated: DatedFact[],
  sectionRows: readonly ContentLine[],
  content: readonly ContentLine[],
  datesAt: ReadonlyMap<number, DateHit[]>,
  section: FoundSection | undefined,
): void {
  const pick = (rows: readonly ContentLine[]): { hit: DateHit; row: ContentLine } | undefined => {
    for (const row of rows) {
      const hit = (datesAt.get(row.n) ?? []).find((h) => h.iso !== undefined);
      if (hit) return { hit, row };
    }
    return undefined;
  };
  // An expiry date in 1.1 is not the date of last update.
  const found =
    pick(sectionRows.filter((l) => !EXPIRY.test(l.text))) ?? pick(content.filter((l) => UPDATED.test(l.text) && !EXPIRY.test(l.text)));
  if (!found?.hit.iso) {
    if (section && !section.empty) {
      findings.push(
        finding(
          'warning',
          'date-unparseable',
          `No date could be read in "${section.text.replace(/\s+/g, ' ').slice(0, 80)}".`,
          { line: section.line, section: '1.1' },
          { text: section.text.replace(/\s+/g, ' ').slice(0, 80) },
        ),
      );
    }
    return;
  }
  ambiguity(findings, found.hit, found.row);
  facts.lastUpdated = found.hit.iso;
  dated.push({ kind: 'lastUpdated', iso: found.hit.iso, line: found.row.n, section: found.row.section });
}
