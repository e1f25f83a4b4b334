// Display helpers of the team screens: OpenPGP fingerprints in groups of four, diff values as text.

/** `ABCD1234…` → `ABCD 1234 …` (v4: ten groups, a wider gap after the fifth as GnuPG prints it). */
export function formatFingerprint(fingerprint: string): string {
  const groups =
    fingerprint
      .replace(/\s+/g, '')
      .toUpperCase()
      .match(/.{1,4}/g) ?? [];
  if (groups.length === 10) return `${groups.slice(0, 5).join(' ')}  ${groups.slice(5).join(' ')}`;
  return groups.join(' ');
}

/** A changed value as text: strings as they are, absent as null, anything else as indented JSON. */
export function formatValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value, null, 2);
}

export type DiffLineKind = 'add' | 'remove' | 'hunk' | 'file' | 'context';

/** Classifies each line of a unified diff, for colouring (the +/- prefix stays: colour is never the only cue). */
export function diffLines(text: string): { kind: DiffLineKind; text: string }[] {
  const lines = text.replace(/\n$/, '').split('\n');
  return lines.map((line) => {
    if (line.startsWith('+++') || line.startsWith('---') || line.startsWith('Index:') || line.startsWith('====')) {
      return { kind: 'file', text: line };
    }
    if (line.startsWith('@@')) return { kind: 'hunk', text: line };
    if (line.startsWith('+')) return { kind: 'add', text: line };
    if (line.startsWith('-')) return { kind: 'remove', text: line };
    return { kind: 'context', text: line };
  });
}
