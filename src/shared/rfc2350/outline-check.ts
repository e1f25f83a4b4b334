// Compares the sections found in a document with the RFC 2350 outline: `missing-section` for each outline
// section that is absent or empty (a whole absent chapter is one finding, not one per subsection).
import { finding, type Finding, type FoundSection } from './findings';
import { rfc2350Sections, type Rfc2350Section } from './profile.schemas';

const parentOf = (num: string): string | undefined => (num.includes('.') ? num.slice(0, num.lastIndexOf('.')) : undefined);
const isUnder = (num: string, ancestor: string): boolean => num.startsWith(`${ancestor}.`);

export function missingSectionFindings(sections: readonly FoundSection[]): Finding[] {
  const headed = (num: string): FoundSection | undefined => sections.find((s) => s.covers.includes(num));
  const hasText = (num: string): boolean => sections.some((s) => !s.empty && s.covers.includes(num));
  // Present: its own heading has text, or one of its subsections does (a chapter heading is usually bare).
  // An unmapped subsection counts for its parent by number ("5.2.1 Penanganan Kerawanan" fills 5.2).
  const present = (num: string): boolean =>
    hasText(num) ||
    sections.some(
      (s) =>
        !s.empty &&
        (s.covers.some((c) => isUnder(c, num)) || (s.canonical === undefined && s.number !== undefined && isUnder(s.number, num))),
    );
  const hasChildren = (num: string): boolean => rfc2350Sections.some((s) => parentOf(s.number) === num);
  const reported = new Set<string>();
  const findings: Finding[] = [];
  const report = (section: Rfc2350Section, message: string, kind: 'missing' | 'empty' | 'subsections', line?: number): void => {
    reported.add(section.number);
    findings.push(
      finding(
        section.required ? 'warning' : 'info',
        'missing-section',
        message,
        { line, section: section.number },
        { section: section.number, kind },
      ),
    );
  };
  for (const section of rfc2350Sections) {
    const num = section.number;
    if (present(num)) continue;
    const parent = parentOf(num);
    if (parent !== undefined && reported.has(parent)) {
      reported.add(num);
      continue;
    }
    const heading = headed(num);
    const label = `${num} (${section.titleEn})`;
    if (hasChildren(num)) {
      // A chapter with a heading but nothing under it speaks through its subsections' findings.
      if (heading) continue;
      if (!section.required) continue;
      report(section, `Section ${label} is missing, with its subsections.`, 'subsections');
      continue;
    }
    if (heading) report(section, `Section ${label} is empty.`, 'empty', heading.line);
    else report(section, `Section ${label} is missing.`, 'missing');
  }
  return findings;
}
