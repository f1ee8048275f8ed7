/**
 * The profile's features: a declarative catalogue (see `catalogue/`) evaluated over one
 * subject's current records as of a date. Pure: no I/O, no clock.
 *
 * Values are plain numbers, text (categorical features) or null. Null means missing: the
 * subject has no data of that kind (no record of the categories the feature needs, or a
 * provider that never reports the field), which a scorecard bins apart from zero. Money is
 * integer fen as a double: exact up to 2^53 ≈ 9 × 10^15 fen, beyond any subject's sums.
 *
 * For an enterprise, the social-security and housing-fund records are those it pays for its
 * staff (`employer_uscc` is its USCC, the subject is the employee); the caller passes them
 * with the enterprise's own records. For a person they are the person's own.
 */
import type { RecordCategory } from '../ingest/categories.js';
import type { Locale } from '../platform/locale.js';
import { FEATURES } from './catalogue/index.js';
import { formatValue } from './format.js';
import { SubjectHistory, type Entry } from './history.js';

export { FEATURES };
export type SubjectKind = 'enterprise' | 'person';
export type LocalText = Readonly<Record<Locale, string>>;
export type FeatureUnit =
  'months' | 'fen' | 'count' | 'ratio' | 'days' | 'years' | 'square_metres' | 'category' | 'flag';
export type FeatureKind = 'numeric' | 'categorical';
export type FeatureScalar = number | string | null;

/** One current version of a canonical record about the subject. */
export interface ProfileRecord {
  /** The record's id. */
  readonly id: string;
  readonly category: RecordCategory;
  readonly version: number;
  /** `YYYY-MM` or `YYYY-MM-DD` as the category's period field; null when it has none. */
  readonly period: string | null;
  /** Canonical fields; money as integer fen (JSON number or digit string). */
  readonly content: Readonly<Record<string, unknown>>;
  readonly receivedAt: Date;
}

/** What a feature's computation found, and from which records (oldest first). */
export interface Computed {
  readonly value: FeatureScalar;
  readonly from: readonly Entry[];
}

export interface FeatureDefinition {
  /** snake_case, stable API. */
  readonly name: string;
  readonly label: LocalText;
  readonly unit: FeatureUnit;
  readonly kind: FeatureKind;
  readonly subjects: readonly SubjectKind[];
  /** The record categories it reads: a change in any of them changes it. */
  readonly categories: readonly RecordCategory[];
  /** Told to the borrower when the feature pulls the score down; `{value}` is the value. */
  readonly reason: LocalText;
  /** Words for a categorical value. */
  readonly describe?: (value: string, locale: Locale) => string;
  /** Called only when the subject has a record of at least one of `categories`. */
  readonly compute: (history: SubjectHistory) => Computed;
}

export interface FeatureValue {
  readonly feature: string;
  /** Null: missing, no data of that kind. */
  readonly value: FeatureScalar;
  /** Ids of the records the value comes from, most recent first, at most MAX_SOURCES. */
  readonly sources: readonly string[];
  /** How many records the value comes from (may exceed `sources.length`). */
  readonly sourceCount: number;
  /** `YYYY-MM-DD`. */
  readonly asOf: string;
}

export const MAX_SOURCES = 50;
const MISSING: Computed = { value: null, from: [] };

/**
 * The subject's feature values as of `asOf` (YYYY-MM-DD), one per feature that applies to the
 * subject kind, in catalogue order. The caller passes current record versions only.
 */
export function computeProfile(
  subjectKind: SubjectKind,
  records: readonly ProfileRecord[],
  asOf: string,
  features: readonly FeatureDefinition[] = FEATURES,
): FeatureValue[] {
  const history = new SubjectHistory(subjectKind, records, asOf);
  const values: FeatureValue[] = [];
  for (const feature of features) {
    if (feature.subjects.includes(subjectKind)) values.push(evaluate(feature, history));
  }
  return values;
}

function evaluate(feature: FeatureDefinition, history: SubjectHistory): FeatureValue {
  const known = feature.categories.some((category) => history.has(category));
  const computed = known ? feature.compute(history) : MISSING;
  const sources: string[] = [];
  for (let i = computed.from.length - 1; i >= 0 && sources.length < MAX_SOURCES; i--) {
    const entry = computed.from[i];
    if (entry !== undefined) sources.push(entry.record.id);
  }
  return {
    feature: feature.name,
    value: tidy(feature, computed.value),
    sources,
    sourceCount: computed.from.length,
    asOf: history.asOf,
  };
}

/** Whole fen, four decimals otherwise: stored values hash and compare stably. */
function tidy(feature: FeatureDefinition, value: FeatureScalar): FeatureScalar {
  if (typeof value !== 'number') return value;
  if (!Number.isFinite(value)) return null;
  const rounded = feature.unit === 'fen' ? Math.round(value) : Math.round(value * 10_000) / 10_000;
  return rounded === 0 ? 0 : rounded;
}

let byName: ReadonlyMap<string, FeatureDefinition> | undefined;

export function featureByName(name: string): FeatureDefinition | undefined {
  byName ??= new Map(FEATURES.map((feature) => [feature.name, feature]));
  return byName.get(name);
}

/** The features a change in any of `categories` touches, for incremental recomputation. */
export function featuresForCategories(categories: Iterable<RecordCategory>): FeatureDefinition[] {
  const changed = new Set(categories);
  return FEATURES.filter((feature) => feature.categories.some((c) => changed.has(c)));
}

function definitionOf(feature: FeatureDefinition | string): FeatureDefinition {
  if (typeof feature !== 'string') return feature;
  const found = featureByName(feature);
  if (found === undefined) throw new RangeError(`unknown feature "${feature}"`);
  return found;
}

/** The borrower-facing reason for a feature's value, e.g. `连续缴纳社保月数偏少：3 个月`. */
export function formatReason(
  feature: FeatureDefinition | string,
  value: FeatureScalar,
  locale: Locale,
): string {
  const definition = definitionOf(feature);
  return definition.reason[locale].replaceAll('{value}', formatValue(definition, value, locale));
}
