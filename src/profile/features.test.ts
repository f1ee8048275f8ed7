import { describe, expect, it } from 'vitest';
import { RECORD_CATEGORY_CODES } from '../ingest/categories.js';
import {
  computeProfile,
  FEATURES,
  featureByName,
  featuresForCategories,
  MAX_SOURCES,
  type FeatureDefinition,
} from './features.js';
import { computed, ENTERPRISE, feature } from './families/index.js';
import { AS_OF, monthly, record, RESIDENT_ID, USCC } from './testing.js';

const SNAKE_CASE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
const HAS_CHINESE = /\p{Script=Han}/u;

describe('the catalogue', () => {
  it('has at least 100 features with unique snake_case names', () => {
    const names = FEATURES.map((f) => f.name);
    expect(names.length).toBeGreaterThanOrEqual(100);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(SNAKE_CASE);
  });

  it.each(FEATURES.map((f) => [f.name, f] as const))(
    '%s has labels and reasons in both languages',
    (_, f) => {
      for (const text of [f.label, f.reason]) {
        expect(text['zh-CN']).toMatch(HAS_CHINESE);
        expect(text.en.trim()).not.toBe('');
        expect(`${text['zh-CN']}${text.en}`).not.toContain('{window}');
      }
      // A reason naming the value does so in both languages.
      expect(f.reason['zh-CN'].includes('{value}')).toBe(f.reason.en.includes('{value}'));
      expect(f.subjects.length).toBeGreaterThan(0);
      expect(f.kind).toBe(f.unit === 'category' ? 'categorical' : 'numeric');
    },
  );

  it('uses every record category, for enterprises and for persons', () => {
    const used = new Set(FEATURES.flatMap((f) => f.categories));
    expect([...used].sort()).toEqual([...RECORD_CATEGORY_CODES].sort());
    expect(FEATURES.some((f) => f.subjects.includes('person'))).toBe(true);
    expect(FEATURES.some((f) => f.subjects.includes('enterprise'))).toBe(true);
  });

  it('finds features by name and by the categories they read', () => {
    expect(featureByName('tax_paid_3m')?.unit).toBe('fen');
    expect(featureByName('tax_paid_5m')).toBeUndefined();
    const taxed = featuresForCategories(['tax']).map((f) => f.name);
    expect(taxed).toContain('tax_paid_24m');
    expect(taxed).toContain('self_revenue_to_tax_revenue_12m');
    expect(taxed).not.toContain('ss_headcount');
    expect(featuresForCategories(new Set())).toEqual([]);
    const person = featuresForCategories(['property']).map((f) => f.name);
    expect(person).toEqual(expect.arrayContaining(['property_titles', 'age']));
  });
});

describe('computeProfile', () => {
  const taxRecords = monthly('tax', 60, 1, () => ({ uscc: USCC, tax_paid: '100', arrears: 0 }));

  it('gives one value per feature of the subject kind, in catalogue order', () => {
    const values = computeProfile('person', [], AS_OF);
    const expected = FEATURES.filter((f) => f.subjects.includes('person')).map((f) => f.name);
    expect(values.map((v) => v.feature)).toEqual(expected);
    expect(values.map((v) => v.feature)).not.toContain('tax_paid_3m');
  });

  it('leaves everything missing, with no sources, for a subject without records', () => {
    for (const value of computeProfile('enterprise', [], AS_OF)) {
      expect(value).toEqual({
        feature: value.feature,
        value: null,
        sources: [],
        sourceCount: 0,
        asOf: AS_OF,
      });
    }
  });

  it('tells missing from zero', () => {
    const values = computeProfile('enterprise', taxRecords, AS_OF);
    const byName = new Map(values.map((v) => [v.feature, v.value]));
    expect(byName.get('tax_arrears_months_12m')).toBe(0);
    expect(byName.get('invoice_count_12m')).toBeNull(); // never reported
    expect(byName.get('utility_late_bills_12m')).toBeNull(); // no utility records
  });

  it('names at most MAX_SOURCES source records, most recent first, and counts them all', () => {
    const value = computeProfile('enterprise', taxRecords, AS_OF).find(
      (v) => v.feature === 'tax_filing_months_12m',
    );
    expect(value?.sourceCount).toBe(12);
    expect(value?.sources[0]).toBe(taxRecords.at(-1)?.id);
    const many = Array.from({ length: 70 }, (_, i) =>
      record('judicial', '2026-09-01', {
        case_number: `c${i}`,
        subject_id: USCC,
        role: 'defendant',
        filed_on: '2026-09-01',
      }),
    );
    const total = computeProfile('enterprise', many, AS_OF).find(
      (v) => v.feature === 'court_cases_against_total',
    );
    expect(total?.value).toBe(70);
    expect(total?.sources).toHaveLength(MAX_SOURCES);
    expect(total?.sourceCount).toBe(70);
  });

  it('rounds fen to whole numbers and other values to four decimals, and drops non-finite ones', () => {
    const declared = (name: string, unit: 'fen' | 'ratio', value: number): FeatureDefinition =>
      feature(
        {
          name,
          unit,
          subjects: ENTERPRISE,
          categories: ['tax'],
          label: { 'zh-CN': '测试', en: 'test' },
          reason: { 'zh-CN': '测试', en: 'test' },
        },
        () => computed(value),
      );
    const values = computeProfile('enterprise', taxRecords, AS_OF, [
      declared('money', 'fen', 10.5),
      declared('share', 'ratio', 1 / 3),
      declared('broken', 'ratio', Number.POSITIVE_INFINITY),
    ]);
    expect(values.map((v) => v.value)).toEqual([11, 0.3333, null]);
  });

  it('computes every feature without throwing on sparse, odd records', () => {
    const odd = [
      record('business_registration', null, { uscc: USCC, status: 'active' }),
      record('tax', '2026-09', { uscc: USCC, period: '2026-09', tax_paid: 'n/a' }),
      record('social_security', '2026-09', { resident_id: RESIDENT_ID, period: '2026-09' }),
      record('credit_bureau', '2026-09', { subject_id: USCC, period: '2026-09' }),
      record('property', '2020-01-01', { subject_id: USCC, registered_on: '2020-01-01' }),
      record('self_reported', '2026-09', { uscc: USCC, period: '2026-09', total_assets: 0 }),
    ];
    for (const kind of ['enterprise', 'person'] as const) {
      for (const { value } of computeProfile(kind, odd, AS_OF)) {
        if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
      }
    }
  });
});
