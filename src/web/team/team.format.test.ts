// Display helpers: fingerprint grouping, diff line classes, changed values as text.
import { diffLines, formatFingerprint, formatValue } from './team.format';

describe('team display helpers', () => {
  it('groups a v4 fingerprint by four with a wider gap in the middle', () => {
    expect(formatFingerprint('b8836e811c7f68ad3fa28c2d8ad66817319988f4')).toBe('B883 6E81 1C7F 68AD 3FA2  8C2D 8AD6 6817 3199 88F4');
    expect(formatFingerprint('A'.repeat(64)).split(' ')).toHaveLength(16);
  });

  it('classifies unified diff lines', () => {
    const text = '--- a\n+++ b\n@@ -1,2 +1,2 @@\n same\n-old\n+new\n';
    expect(diffLines(text).map((l) => l.kind)).toEqual(['file', 'file', 'hunk', 'context', 'remove', 'add']);
  });

  it('shows values as text', () => {
    expect(formatValue(null)).toBeNull();
    expect(formatValue('x')).toBe('x');
    expect(formatValue(['a'])).toBe('[\n  "a"\n]');
  });
});
