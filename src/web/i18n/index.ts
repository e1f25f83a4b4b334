// i18next set-up: English and French bundles, the initial language (stored choice, then the browser),
// and `changeLocale`, which every language switch goes through.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { Locale } from '#shared/users/users.schemas';
import en from './en.json';
import fr from './fr.json';

export const resources = { en: { translation: en }, fr: { translation: fr } } as const;
export const locales = Locale.options;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

const storageKey = 'tocsin.locale';

function readStoredLocale(): Locale | null {
  try {
    const parsed = Locale.safeParse(window.localStorage.getItem(storageKey));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // storage disabled: fall back to the browser language
  }
}

/** The language before anyone signs in: the last choice on this browser, else the browser's own. */
export function detectInitialLocale(): Locale {
  const stored = readStoredLocale();
  if (stored) return stored;
  const languages = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  for (const tag of languages) {
    const parsed = Locale.safeParse(tag.slice(0, 2).toLowerCase());
    if (parsed.success) return parsed.data;
  }
  return 'en';
}

export function currentLocale(): Locale {
  const parsed = Locale.safeParse(i18n.resolvedLanguage ?? i18n.language);
  return parsed.success ? parsed.data : 'en';
}

function applyDocumentLanguage(locale: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

export async function initI18n(locale: Locale = detectInitialLocale()): Promise<typeof i18n> {
  if (!i18n.isInitialized) {
    await i18n.use(initReactI18next).init({
      resources,
      lng: locale,
      fallbackLng: 'en',
      supportedLngs: [...locales],
      interpolation: { escapeValue: false }, // React escapes rendered text
      returnNull: false,
      initAsync: false,
    });
  } else if (i18n.language !== locale) {
    await i18n.changeLanguage(locale);
  }
  applyDocumentLanguage(locale);
  return i18n;
}

/** Switches the UI language and remembers it on this browser (the account's own locale is saved by the caller). */
export async function changeLocale(locale: Locale): Promise<void> {
  try {
    window.localStorage.setItem(storageKey, locale);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
  applyDocumentLanguage(locale);
}

export { i18n };
