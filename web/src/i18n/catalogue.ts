/** The languages of the portals; zh-CN is the default. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** One catalogue: the same keys in every language, checked by the compiler. */
export type Catalogue<K extends string> = Readonly<Record<Locale, Readonly<Record<K, string>>>>;

/**
 * Declares a catalogue of messages. `{name}` in a message is filled from the variables
 * given to `t`. English must have every key the Chinese has, and nothing else.
 *
 * @example
 * export const loginMessages = defineCatalogue(
 *   { 'login.title': '登录' },
 *   { 'login.title': 'Sign in' },
 * );
 */
export function defineCatalogue<K extends string>(
  zh: Readonly<Record<K, string>>,
  en: Readonly<Record<NoInfer<K>, string>>,
): Catalogue<K> {
  return { 'zh-CN': zh, en };
}

/** Fills `{name}` placeholders; a missing variable stays visible rather than vanishing. */
export function interpolate(message: string, vars?: Readonly<Record<string, string | number>>) {
  if (!vars) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}
