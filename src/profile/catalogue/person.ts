/** Facts about a person that come with their resident ID (GB 11643: birth date in digits 7–14). */
import type { RecordCategory } from '../../ingest/categories.js';
import { parseResidentId } from '../../registry/identifiers.js';
import { wholeYearsBetween } from '../calendar.js';
import { text } from '../content.js';
import type { FeatureDefinition, LocalText } from '../features.js';
import { computed, feature, levels, PERSON } from '../families/index.js';
import type { SubjectHistory } from '../history.js';

/** Every category a person's records come in: any of them names the person. */
const PERSON_CATEGORIES = [
  'social_security',
  'housing_fund',
  'credit_bureau',
  'judicial',
  'property',
] as const satisfies readonly RecordCategory[];

/** The person's age in whole years at the as-of date, from the first resident ID found. */
function age(history: SubjectHistory) {
  for (const category of PERSON_CATEGORIES) {
    const entry = history.latest(category);
    if (entry === undefined) continue;
    const id = text(entry.content, 'resident_id') ?? text(entry.content, 'subject_id') ?? '';
    const parsed = parseResidentId(id, new Date(`${history.asOf}T23:59:59+08:00`));
    if (parsed.ok) return computed(wholeYearsBetween(parsed.birthDate, history.asOf), [entry]);
  }
  return computed(null);
}

/** Bands where the default risk of borrowers is known to differ: young and near retirement. */
function band(years: number): string {
  if (years < 30) return 'under_30';
  if (years < 40) return '30_39';
  if (years < 50) return '40_49';
  return years <= 55 ? '50_55' : 'over_55';
}

const BAND_WORDS: Readonly<Record<string, LocalText>> = {
  under_30: { 'zh-CN': '30 岁以下', en: 'under 30' },
  '30_39': { 'zh-CN': '30–39 岁', en: '30 to 39' },
  '40_49': { 'zh-CN': '40–49 岁', en: '40 to 49' },
  '50_55': { 'zh-CN': '50–55 岁', en: '50 to 55' },
  over_55: { 'zh-CN': '55 岁以上', en: 'over 55' },
};

const ABOUT_PERSON = { subjects: PERSON, categories: PERSON_CATEGORIES } as const;

export const PERSON_FEATURES: readonly FeatureDefinition[] = [
  feature(
    {
      ...ABOUT_PERSON,
      name: 'age',
      unit: 'years',
      label: { 'zh-CN': '年龄', en: 'Age' },
      reason: { 'zh-CN': '年龄因素：{value} 岁', en: 'Age: {value}' },
    },
    age,
  ),
  feature(
    {
      ...ABOUT_PERSON,
      name: 'age_band',
      unit: 'category',
      label: { 'zh-CN': '年龄段', en: 'Age band' },
      reason: { 'zh-CN': '年龄段：{value}', en: 'Age band: {value}' },
      describe: levels(BAND_WORDS),
    },
    (history) => {
      const years = age(history);
      return typeof years.value === 'number' ? computed(band(years.value), years.from) : years;
    },
  ),
];
