// Property tests: the RFC 2350 parser and checker never throw and always return a well-formed result, on random
// strings, byte garbage, truncated / shuffled / mutated corpus documents; and they stay fast on 1 MB inputs.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRfc2350 } from './check';
import { Finding, FoundSection } from './findings';
import { parseRfc2350 } from './parse';
import { TeamProfileDraft } from './profile.schemas';

const dir = new URL('../../../tests/fixtures/rfc2350/', import.meta.url);
const corpus = readdirSync(dir)
  .filter((name) => name !== 'README.md')
  .map((name) => readFileSync(new URL(name, dir), 'utf8'));
const now = new Date('2026-11-22T00:00:00Z');

function assertWellFormed(text: string): void {
  const r = parseRfc2350(text);
  expect(TeamProfileDraft.safeParse(r.profile).success).toBe(true);
  for (const f of r.findings) expect(Finding.safeParse(f).success).toBe(true);
  for (const s of r.sections) expect(FoundSection.safeParse(s).success).toBe(true);
  // A parser bug would surface as `parser-error`: the safety net must never be needed.
  expect(r.findings.map((f) => f.code)).not.toContain('parser-error');
  const lines = r.sections.map((s) => s.line);
  expect([...lines].sort((a, b) => a - b)).toEqual(lines);
  for (const s of r.sections) expect(s.endLine).toBeGreaterThanOrEqual(s.line);
  if (text.trim() === '') expect(r.findings.map((f) => f.code)).toEqual(['empty-document']);
  const checked = checkRfc2350(text, { now });
  for (const f of checked) expect(Finding.safeParse(f).success).toBe(true);
}

const anyUtf16 = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 400 }).map((codes) => String.fromCharCode(...codes));
const bytes = fc.uint8Array({ maxLength: 2_000 });
const headingish = fc.constantFrom(
  '1. Document Information',
  '## 2.3 Time Zone',
  '**2.8 Public Keys**',
  '2.7. E-mail:',
  '1 . Informasi Dokumen',
  'Daftar Isi',
  'Contents',
  '5.1.1 Incident Triage ........ 12',
  '-----BEGIN PGP PUBLIC KEY BLOCK-----',
  '```',
  '---',
  '<!--',
  '\f',
  'Fingerprint:',
  'Key ID: 0x12',
  'cert (at) x (dot) org',
  '2023-02-30',
  '03/04/2021',
  'GMT+7',
  'TLP:CLEAR',
  '- -',
  '====',
);

// Generous timeouts: hundreds of parses per property, on CI runners that may be busy.
describe('parseRfc2350 and checkRfc2350 never throw', { timeout: 60_000 }, () => {
  it('on random strings of any code units, lone surrogates included', () => {
    fc.assert(fc.property(anyUtf16, assertWellFormed), { numRuns: 300 });
  });

  it('on random Unicode text and heading-like lines', () => {
    const line = fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: 'grapheme-ascii', maxLength: 60 }), headingish);
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), fc.constantFrom('\n', '\r\n', '\r'), (ls, eol) => assertWellFormed(ls.join(eol))),
      {
        numRuns: 300,
      },
    );
  });

  it('on random bytes decoded as UTF-8 and as Latin-1', () => {
    const utf8 = new TextDecoder('utf-8');
    fc.assert(
      fc.property(bytes, (b) => {
        assertWellFormed(utf8.decode(b));
        assertWellFormed(String.fromCharCode(...b));
      }),
      { numRuns: 200 },
    );
  });

  it('on random truncations and slices of each corpus document', () => {
    for (const text of corpus) {
      fc.assert(
        fc.property(fc.nat({ max: text.length }), fc.nat({ max: text.length }), (a, b) => {
          assertWellFormed(text.slice(0, a));
          assertWellFormed(text.slice(Math.min(a, b), Math.max(a, b)));
        }),
        { numRuns: 40 },
      );
    }
  });

  it('on shuffled lines of each corpus document', () => {
    for (const text of corpus) {
      const lines = text.split(/\r?\n/);
      fc.assert(
        fc.property(fc.shuffledSubarray(lines), (picked) => assertWellFormed(picked.join('\n'))),
        { numRuns: 40 },
      );
    }
  });

  it('on corpus documents with lines replaced by heading-like or random ones', () => {
    for (const text of corpus) {
      const lines = text.split('\n');
      const edit = fc.tuple(fc.nat({ max: lines.length - 1 }), fc.oneof(headingish, fc.string({ maxLength: 40 })));
      fc.assert(
        fc.property(fc.array(edit, { maxLength: 8 }), (edits) => {
          const copy = [...lines];
          for (const [at, replacement] of edits) copy[at] = replacement;
          assertWellFormed(copy.join('\n'));
        }),
        { numRuns: 40 },
      );
    }
  });
});

describe('parseRfc2350 performance', { timeout: 30_000 }, () => {
  // Measured at 0.1–0.4 s per case on a loaded 2-core machine; the bound leaves room for slow CI runners.
  const MB = 1_000_000;
  const joined = corpus.join('\n');
  const cases: Record<string, string> = {
    'the corpus repeated': joined.repeat(Math.ceil(MB / joined.length)).slice(0, MB),
    'one 1 MB line': joined.replace(/\s+/g, ' ').repeat(40).slice(0, MB),
    'numbered list lines': '1. A\n'.repeat(MB / 5),
    'hex groups': 'ABCD '.repeat(MB / 5),
    'obfuscation markers': 'x (at) y (dot) '.repeat(MB / 15),
    'date-like text': '2021-02-30 03/04/2021 3 March 2021 '.repeat(MB / 36),
    'key labels': 'Key ID: Fingerprint: '.repeat(MB / 21),
    'unclosed comments and fences': '<!-- ```\n'.repeat(MB / 9),
  };
  for (const [name, text] of Object.entries(cases)) {
    it(`reads 1 MB of ${name} in well under two seconds`, () => {
      const start = performance.now();
      parseRfc2350(text);
      expect(performance.now() - start).toBeLessThan(2_000);
    });
  }
});
