import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { interpolate, LOCALES, type Locale } from '../i18n/catalogue';
import { messagesOf, type MessageKey } from '../i18n/messages';

const STORAGE_KEY = 'xinyi.locale';

export type Translate = (
  key: MessageKey,
  vars?: Readonly<Record<string, string | number>>,
) => string;

interface I18n {
  readonly locale: Locale;
  readonly setLocale: (locale: Locale) => void;
  readonly t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

function initialLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  return LOCALES.find((locale) => locale === stored) ?? 'zh-CN';
}

/** The portals speak zh-CN unless the user chose English (kept in this browser). */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const messages = messagesOf(locale);
    return { locale, setLocale, t: (key, vars) => interpolate(messages[key], vars) };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}

/** The current language, for code outside React (the API client's Accept-Language). */
export function currentLocale(): Locale {
  return initialLocale();
}
