import { findTextIssues, identity, line, MAX_JSON_DEPTH, text, textProblem } from './text';

describe('textProblem', () => {
  it('refuses NUL, other C0 and C1 controls and lone surrogates in any text', () => {
    for (const bad of ['a\u0000b', 'bell\u0007', 'esc\u001b[31m', 'del\u007f', 'c1\u0085', 'x\uD800', '\uDC00y'])
      expect(textProblem(bad)).not.toBeNull();
  });

  it('accepts tab, line breaks, form feeds, Arabic, Hebrew, bidi marks and emoji in free text', () => {
    for (const ok of ['line 1\r\n\tline 2', 'page 1\fpage 2', 'مرحبا بالعالم', 'שלום', 'a\u202Eb', '👩\u200D💻'])
      expect(textProblem(ok)).toBeNull();
  });

  it('refuses line breaks in a single line, and bidi controls and invisible characters in an identity', () => {
    expect(textProblem('a\nb', 'line')).toMatch(/single line/);
    expect(textProblem('a\u202Eb', 'line')).toBeNull();
    for (const bad of ['CSIRT \u202Egnp', 'CS\u200BIRT', 'x\u2066y\u2069', '\uFEFFteam', 'a\u200Fb'])
      expect(textProblem(bad, 'identity')).toMatch(/invisible or direction-changing/);
    // Persian and Indic names are spelled with the zero-width non-joiner and joiner.
    expect(textProblem('می\u200Cخواهم', 'identity')).toBeNull();
  });
});

describe('shared text types', () => {
  it('normalise to NFC and name the problem', () => {
    expect(text(20).parse('Rene\u0301')).toBe('René');
    expect(line(20).parse('  Title  ')).toBe('Title');
    expect(identity(20).safeParse('CSIRT\u0000').error?.issues[0]?.message).toBe('Contains a NUL character');
  });
});

describe('findTextIssues', () => {
  it('lists the path of every hostile string and field name, and stops at the nesting limit without recursing', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const issues = findTextIssues({ ok: 'fine', list: ['a', 'b\u0000'], nested: { ['k\u0001']: 1 }, deep });
    expect(issues.map((i) => i.path.slice(0, 2).join('.'))).toEqual(expect.arrayContaining(['list.1', 'nested.k\u0001', 'deep.0']));
    expect(issues.find((i) => i.path[0] === 'deep')?.path).toHaveLength(MAX_JSON_DEPTH);
  });
});
