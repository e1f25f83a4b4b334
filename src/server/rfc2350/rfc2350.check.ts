// `tocsin rfc2350 check FILE`: reads a team's published RFC 2350 document and reports what it extracts and
// what is wrong, for a terminal (aligned text) or a program (--json).
import { parseRfc2350 } from '#shared/rfc2350/parse';
import { checkRfc2350 } from '#shared/rfc2350/check';
import type { Finding, FoundSection } from '#shared/rfc2350/findings';
import type { TeamProfileDraft } from '#shared/rfc2350/profile.schemas';

export interface CheckReport {
  file: string;
  extracted: {
    shortName: string | null;
    fullName: string | null;
    email: string | null;
    telephone: string | null;
    timeZone: string | null;
    timeZoneText: string | null;
    keys: { keyId: string | null; fingerprint: string | null }[];
    hours: string | null;
    sections: { number: string | null; title: string; canonical: string | null; line: number }[];
  };
  findings: Finding[];
  counts: { error: number; warning: number; info: number };
}

/** Decodes a file's bytes: UTF-8 when valid (with or without BOM), else Latin-1 (older documents). */
export function decodeDocument(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}

export function checkDocument(file: string, text: string, now: Date): CheckReport {
  const parsed = parseRfc2350(text);
  const findings = checkRfc2350(text, { now });
  const p: TeamProfileDraft = parsed.profile;
  const c = p.contact ?? {};
  return {
    file,
    extracted: {
      shortName: c.shortName ?? null,
      fullName: c.fullName ?? null,
      email: c.email ?? null,
      telephone: c.telephone ?? null,
      timeZone: c.timeZone ?? null,
      timeZoneText: c.timeZoneText ?? null,
      keys: (c.publicKeys ?? []).map((k) => ({ keyId: k.keyId ?? null, fingerprint: k.fingerprint ?? null })),
      hours: c.customerContact?.hours ?? null,
      sections: parsed.sections.map((s: FoundSection) => ({
        number: s.number ?? null,
        title: s.title,
        canonical: s.canonical ?? null,
        line: s.line,
      })),
    },
    findings,
    counts: {
      error: findings.filter((f) => f.severity === 'error').length,
      warning: findings.filter((f) => f.severity === 'warning').length,
      info: findings.filter((f) => f.severity === 'info').length,
    },
  };
}

export function formatReport(r: CheckReport): string {
  const e = r.extracted;
  const v = (x: string | null) => x ?? '—';
  const lines = [
    `${r.file}`,
    '',
    `  Team:        ${v(e.fullName)}${e.shortName && e.shortName !== e.fullName ? ` (${e.shortName})` : ''}`,
    `  E-mail:      ${v(e.email)}`,
    `  Telephone:   ${v(e.telephone)}`,
    `  Time zone:   ${v(e.timeZone)}${e.timeZoneText && e.timeZoneText !== e.timeZone ? ` (written "${e.timeZoneText}")` : ''}`,
    ...(e.keys.length
      ? e.keys.map((k, i) => `  ${i ? '             ' : 'PGP key:     '}${v(k.keyId)}  ${v(k.fingerprint)}`)
      : ['  PGP key:     —']),
    `  Hours:       ${v(e.hours)}`,
    `  Sections:    ${e.sections.length ? e.sections.map((s) => s.number ?? `"${s.title}"`).join(' ') : '—'}`,
    '',
    ...(r.findings.length
      ? r.findings.map(
          (f) =>
            `  ${f.severity.toUpperCase().padEnd(7)} ${(f.line ? `line ${f.line}` : '').padEnd(9)} ${f.section ? `§${f.section} ` : ''}${f.message} [${f.code}]`,
        )
      : ['  No findings.']),
    '',
    `  ${r.counts.error} error(s), ${r.counts.warning} warning(s), ${r.counts.info} note(s)`,
  ];
  return `${lines.join('\n')}\n`;
}
