// Behaviour of the bundled taxonomies: RSIT classes and types parsed from the MISP file, TLP 2.0 and
// PAP ordering and parsing (legacy WHITE read as CLEAR).
import { findRsitType, getRsitClass, RSIT_CLASS_IDS, RSIT_VERSION, RsitClassification, rsitClasses } from './rsit';
import {
  compareTlp,
  formatPap,
  formatTlp,
  mostRestrictiveTlp,
  papInfo,
  papRank,
  parsePap,
  parseTlp,
  TLP_LABELS,
  tlpInfo,
  tlpRank,
} from './tlp';

describe('RSIT', () => {
  it('lists the 11 classes in order, each with described types', () => {
    expect(RSIT_VERSION).toBe(1003);
    expect(rsitClasses.map((c) => c.id)).toEqual([...RSIT_CLASS_IDS]);
    for (const c of rsitClasses) {
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.types.length).toBeGreaterThan(0);
      for (const t of c.types) expect(t.description.length).toBeGreaterThan(0);
    }
    const typeIds = rsitClasses.flatMap((c) => c.types.map((t) => t.id));
    expect(typeIds).toHaveLength(39);
    expect(new Set(typeIds).size).toBe(typeIds.length);
  });

  it('finds types within their class only', () => {
    expect(findRsitType('fraud', 'phishing')).toMatchObject({
      name: 'Phishing',
      machineTag: 'rsit:fraud="phishing"',
    });
    expect(findRsitType('malicious-code', 'phishing')).toBeNull();
    expect(findRsitType('nope', 'phishing')).toBeNull();
    expect(getRsitClass('availability').types.map((t) => t.id)).toEqual(['dos', 'ddos', 'misconfiguration', 'sabotage', 'outage']);
  });

  it('validates a classification pair', () => {
    expect(RsitClassification.safeParse({ class: 'intrusions', type: 'system-compromise' }).success).toBe(true);
    const wrong = RsitClassification.safeParse({ class: 'intrusions', type: 'spam' });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0]?.path).toEqual(['type']);
    expect(RsitClassification.safeParse({ class: 'ransomware', type: 'x' }).success).toBe(false);
  });
});

describe('TLP', () => {
  it('orders labels from CLEAR to RED', () => {
    expect(TLP_LABELS.map(tlpRank)).toEqual([0, 1, 2, 3, 4]);
    expect(compareTlp('AMBER', 'AMBER+STRICT')).toBeLessThan(0);
    expect(compareTlp('RED', 'GREEN')).toBeGreaterThan(0);
    expect(mostRestrictiveTlp(['GREEN', 'AMBER+STRICT', 'AMBER'])).toBe('AMBER+STRICT');
    expect(mostRestrictiveTlp([])).toBe('CLEAR');
  });

  it.each([
    ['TLP:AMBER+STRICT', 'AMBER+STRICT'],
    ['tlp:amber+strict', 'AMBER+STRICT'],
    [' TLP: Amber + Strict ', 'AMBER+STRICT'],
    ['TLP:WHITE', 'CLEAR'],
    ['white', 'CLEAR'],
    ['TLP:CLEAR', 'CLEAR'],
    ['Green', 'GREEN'],
    ['TLP AMBER', 'AMBER'],
    ['TLP-RED', 'RED'],
  ])('parses %j as %s', (input, expected) => {
    expect(parseTlp(input)).toBe(expected);
  });

  it.each(['', 'TLP:', 'TLP:EX:CHR', 'TLP:UNCLEAR', 'amber strict', 'PAP:RED', 'TLP:PURPLE', 'x'.repeat(100)])('refuses %j', (input) => {
    expect(parseTlp(input)).toBeNull();
  });

  it('carries display names, colours and meanings from the taxonomy', () => {
    expect(formatTlp('AMBER+STRICT')).toBe('TLP:AMBER+STRICT');
    expect(tlpInfo.RED).toMatchObject({ display: 'TLP:RED', colour: '#FF2B2B' });
    expect(tlpInfo.RED.summary).toMatch(/^For the eyes and ears of individual recipients only/);
    expect(tlpInfo['AMBER+STRICT'].summary).toContain('within their organization');
  });
});

describe('PAP', () => {
  it('orders, parses (WHITE as CLEAR) and describes labels', () => {
    expect(papRank('CLEAR')).toBe(0);
    expect(papRank('RED')).toBe(3);
    expect(parsePap('PAP:WHITE')).toBe('CLEAR');
    expect(parsePap('pap:amber')).toBe('AMBER');
    expect(parsePap('Green')).toBe('GREEN');
    expect(parsePap('TLP:RED')).toBeNull();
    expect(parsePap('AMBER+STRICT')).toBeNull();
    expect(formatPap('RED')).toBe('PAP:RED');
    expect(papInfo.GREEN).toMatchObject({ display: 'PAP:GREEN', colour: '#33FF00' });
    expect(papInfo.AMBER.summary).toMatch(/^Passive cross check/);
  });
});
