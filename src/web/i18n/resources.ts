// Both translation bundles at once, for tests that check messages in every language. The app itself
// fetches one language at a time (see ./index).
import en from './en.json';
import fr from './fr.json';

export const resources = { en: { translation: en }, fr: { translation: fr } } as const;
