// i18next set-up: the initial language (stored choice, then the browser), and `changeLocale`, which every
// language switch goes through. Each language's bundle is its own chunk, fetched when that language is first
// used: a visitor downloads one language, not all of them (both bundles at once are in ./resources).
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { Locale } from '#shared/users/users.schemas';
import type en from './en.json';

export const locales = Locale.options;

type Bundle = typeof en;
const bundles: Record<Locale, () => Promise<{ default: Bundle }>> = {
  en: () => import('./en.json'),
  fr: () => import('./fr.json'),
};

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

/** Fetches a language's bundle once and hands it to i18next (before the switch, so no key flashes). */
async function loadBundle(locale: Locale): Promise<void> {
  if (i18n.hasResourceBundle(locale, 'translation')) return;
  const { default: bundle } = await bundles[locale]();
  i18n.addResourceBundle(locale, 'translation', bundle);
}

export async function initI18n(locale: Locale = detectInitialLocale()): Promise<typeof i18n> {
  if (!i18n.isInitialized) {
    const { default: bundle } = await bundles[locale]();
    await i18n.use(initReactI18next).init({
      // Only this language: the English fallback is never needed (a test keeps both bundles' keys equal).
      resources: { [locale]: { translation: bundle } },
      lng: locale,
      fallbackLng: 'en',
      supportedLngs: [...locales],
      interpolation: { escapeValue: false }, // React escapes rendered text
      returnNull: false,
      initAsync: false,
    });
  } else if (i18n.language !== locale) {
    await loadBundle(locale);
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
  if (i18n.language !== locale) {
    await loadBundle(locale);
    await i18n.changeLanguage(locale);
  }
  applyDocumentLanguage(locale);
}

export { i18n };
