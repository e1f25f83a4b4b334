import { suggestTriage } from './triage-suggestion';
import { findRsitType } from '../taxonomies/rsit';

const obs = (type: string, value: string, matched: string[] = []) => ({ type, value, matchedOrganisationIds: matched });

describe('suggestTriage', () => {
  it('reads the category from English and French words, and every suggestion is a real RSIT type', () => {
    expect(suggestTriage({ title: 'Phishing against staff', description: '', urgent: false, observables: [] })).toMatchObject({
      categoryClass: 'fraud',
      categoryType: 'phishing',
    });
    expect(suggestTriage({ title: 'Rançongiciel sur le serveur', description: '', urgent: false, observables: [] })).toMatchObject({
      categoryClass: 'malicious-code',
    });
    expect(
      suggestTriage({ title: 'Site défiguré', description: 'page d’accueil remplacée', urgent: false, observables: [] }),
    ).toMatchObject({ categoryType: 'application-compromise' });
    expect(suggestTriage({ title: 'Something odd', description: 'no idea', urgent: false, observables: [] })).toMatchObject({
      categoryClass: 'other',
      categoryType: 'undetermined',
    });
    for (const title of [
      'phishing',
      'ransomware',
      'DDoS',
      'denial of service',
      'defacement',
      'brute force',
      'scanning',
      'botnet',
      'malware',
      'data leak',
      'spam',
      'vulnerability',
    ]) {
      const s = suggestTriage({ title, description: '', urgent: false, observables: [] });
      expect(findRsitType(s.categoryClass, s.categoryType), title).not.toBeNull();
    }
  });

  it('takes the impact from urgency and the extent from the systems the constituency owns', () => {
    expect(suggestTriage({ title: 'x', description: '', urgent: true, observables: [] })).toMatchObject({
      impact: 'high',
      extent: 'single',
    });
    const two = [
      obs('ipv4', '192.0.2.1', ['a']),
      obs('url', 'https://www.a.example/x', ['a']),
      obs('domain', 'www.a.example', ['a']),
      obs('ipv4', '203.0.113.9'),
    ];
    expect(suggestTriage({ title: 'x', description: '', urgent: false, observables: two })).toMatchObject({
      impact: 'medium',
      extent: 'few',
    });
    const many = Array.from({ length: 12 }, (_, i) => obs('ipv4', `198.51.100.${i}`));
    expect(suggestTriage({ title: 'x', description: '', urgent: false, observables: many }).extent).toBe('many');
    expect(suggestTriage({ title: 'x', description: '', urgent: false, observables: [obs('sha256', 'a'.repeat(64))] }).extent).toBe(
      'single',
    );
  });

  it('carries the report’s urgency into the proposal and says why each part was proposed', () => {
    const urgent = suggestTriage({
      title: 'Ransomware at the hospital',
      description: '',
      urgent: true,
      observables: [obs('domain', 'mail.a.example', ['a']), obs('ipv4', '203.0.113.9')],
    });
    expect(urgent).toMatchObject({
      urgent: true,
      impact: 'high',
      extent: 'single',
      because: { categoryWord: 'Ransomware', systems: 1, owned: true },
    });
    const calm = suggestTriage({
      title: 'Odd thing',
      description: '',
      urgent: false,
      observables: [obs('ipv4', '203.0.113.9'), obs('ipv4', '203.0.113.10')],
    });
    expect(calm).toMatchObject({
      urgent: false,
      impact: 'medium',
      extent: 'few',
      because: { categoryWord: null, systems: 2, owned: false },
    });
  });
});
