/**
 * Declaring features: one declaration names, labels and explains a feature; a family
 * declaration with `{window}` in its name, label and reason yields one feature per window.
 */
import type { RecordCategory } from '../../ingest/categories.js';
import type { Locale } from '../../platform/locale.js';
import type {
  Computed,
  FeatureDefinition,
  FeatureUnit,
  LocalText,
  SubjectKind,
} from '../features.js';
import type { Entry, SubjectHistory } from '../history.js';

export const ENTERPRISE: readonly SubjectKind[] = ['enterprise'];
export const PERSON: readonly SubjectKind[] = ['person'];
export const BOTH: readonly SubjectKind[] = ['enterprise', 'person'];

/** The part of a feature that is data: everything but how to compute it. */
export interface Declaration {
  readonly name: string;
  readonly label: LocalText;
  readonly reason: LocalText;
  readonly unit: FeatureUnit;
  readonly subjects: readonly SubjectKind[];
  /** The first is the one it is filed under in the catalogue. */
  readonly categories: readonly [RecordCategory, ...RecordCategory[]];
  readonly describe?: (value: string, locale: Locale) => string;
}

export const computed = (value: number | string | null, from: readonly Entry[] = []): Computed => ({
  value,
  from,
});

export function feature(
  declaration: Declaration,
  compute: (history: SubjectHistory) => Computed,
): FeatureDefinition {
  const { name, label, reason, unit, subjects, categories, describe } = declaration;
  return {
    name,
    label,
    reason,
    unit,
    kind: unit === 'category' ? 'categorical' : 'numeric',
    subjects,
    categories,
    ...(describe === undefined ? {} : { describe }),
    compute,
  };
}

const fill = (text: LocalText, window: number): LocalText => ({
  'zh-CN': text['zh-CN'].replaceAll('{window}', String(window)),
  en: text.en.replaceAll('{window}', String(window)),
});

/** One feature per window; `{window}` in the declaration's texts becomes the window. */
export function perWindow(
  windows: readonly number[],
  declaration: Declaration,
  compute: (history: SubjectHistory, window: number) => Computed,
): FeatureDefinition[] {
  return windows.map((window) =>
    feature(
      {
        ...declaration,
        name: declaration.name.replaceAll('{window}', String(window)),
        label: fill(declaration.label, window),
        reason: fill(declaration.reason, window),
      },
      (history) => compute(history, window),
    ),
  );
}

/** Words for the values of an enumeration, e.g. a rating or a status. */
export function levels(
  words: Readonly<Record<string, LocalText>>,
): (value: string, locale: Locale) => string {
  return (value, locale) =>
    (Object.hasOwn(words, value) ? words[value]?.[locale] : undefined) ?? value;
}
