// Count messages agree with their number in both languages, by the CLDR plural rules i18next applies
// (Intl.PluralRules): English says "1 incident" but "0 incidents", French "0 incident" and "1 incident".
import i18next, { type i18n as I18n } from 'i18next';
import { resources } from './resources';

type Params = Record<string, unknown>;
interface Case {
  key: string;
  params?: Params;
  en: [string, string, string]; // count 0, 1, 2
  fr: [string, string, string];
}

const cases: Case[] = [
  {
    key: 'incidents.list.count',
    params: { total: 5 },
    en: ['Showing 0 incidents of 5', 'Showing 1 incident of 5', 'Showing 2 incidents of 5'],
    fr: ['0 incident affiché sur 5', '1 incident affiché sur 5', '2 incidents affichés sur 5'],
  },
  {
    key: 'reports.queue.count',
    params: { total: 5 },
    en: ['Showing 0 reports of 5', 'Showing 1 report of 5', 'Showing 2 reports of 5'],
    fr: ['0 signalement affiché sur 5', '1 signalement affiché sur 5', '2 signalements affichés sur 5'],
  },
  {
    key: 'audit.page.count',
    en: ['0 events shown', '1 event shown', '2 events shown'],
    fr: ['0 événement affiché', '1 événement affiché', '2 événements affichés'],
  },
  {
    key: 'organisations.import.hasErrors',
    en: [
      'Fix these lines and check again (0 errors); nothing was imported.',
      'Fix this line and check again (1 error); nothing was imported.',
      'Fix these lines and check again (2 errors); nothing was imported.',
    ],
    fr: [
      'Corrigez cette ligne puis vérifiez de nouveau (0 erreur) ; rien n’a été importé.',
      'Corrigez cette ligne puis vérifiez de nouveau (1 erreur) ; rien n’a été importé.',
      'Corrigez ces lignes puis vérifiez de nouveau (2 erreurs) ; rien n’a été importé.',
    ],
  },
  {
    key: 'notifications.button',
    en: ['Notifications: 0 new', 'Notifications: 1 new', 'Notifications: 2 new'],
    fr: ['Notifications : 0 nouvelle', 'Notifications : 1 nouvelle', 'Notifications : 2 nouvelles'],
  },
  {
    key: 'organisations.import.organisations',
    en: ['0 organisations', '1 organisation', '2 organisations'],
    fr: ['0 organisation', '1 organisation', '2 organisations'],
  },
  {
    key: 'organisations.import.assets',
    en: ['0 assets', '1 asset', '2 assets'],
    fr: ['0 actif', '1 actif', '2 actifs'],
  },
  {
    key: 'organisations.import.created',
    en: ['0 organisations created', '1 organisation created', '2 organisations created'],
    fr: ['0 organisation créée', '1 organisation créée', '2 organisations créées'],
  },
  {
    key: 'organisations.import.updated',
    en: ['0 updated', '1 updated', '2 updated'],
    fr: ['0 mise à jour', '1 mise à jour', '2 mises à jour'],
  },
  {
    key: 'organisations.import.added',
    en: ['0 assets added', '1 asset added', '2 assets added'],
    fr: ['0 actif ajouté', '1 actif ajouté', '2 actifs ajoutés'],
  },
];

let i18n: I18n;
beforeAll(async () => {
  i18n = i18next.createInstance();
  await i18n.init({ resources, lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false }, initAsync: false });
});

describe('plural messages', () => {
  describe.each(cases)('$key', ({ key, params, en, fr }) => {
    it.each([
      ['en', en],
      ['fr', fr],
    ] as const)('agrees with counts 0, 1 and 2 in %s', (lng, expected) => {
      // Untyped on purpose: the keys are listed here as strings, checked by what the lookup returns.
      const t = i18n.getFixedT(lng) as unknown as (key: string, options: Params) => string;
      expect([0, 1, 2].map((count) => t(key, { ...params, count }))).toEqual(expected);
    });
  });

  it('gives every plural message each form its language needs (French also has "many": 1 000 000)', () => {
    const t = i18n.getFixedT('fr');
    expect(t('incidents.list.count', { count: 1_000_000, total: 1_000_000 })).toBe('1000000 incidents affichés sur 1000000');
  });
});
