/** Property and collateral (不动产): titles held, their value and how much is mortgaged. */
import { daysBetween } from '../calendar.js';
import { amount, decimal, flag, text } from '../content.js';
import type { FeatureDefinition, LocalText } from '../features.js';
import { BOTH, levels, overAll } from '../families/index.js';
import type { Entry } from '../history.js';

const PROPERTY = { subjects: BOTH, categories: ['property'] } as const;
const mortgaged = (entry: Entry) => flag(entry.content, 'mortgaged') === true;
const free = (entry: Entry) => flag(entry.content, 'mortgaged') === false;
const value = (entry: Entry) => amount(entry.content, 'assessed_value');

const TYPE_WORDS: Readonly<Record<string, LocalText>> = {
  residential: { 'zh-CN': '住宅', en: 'residential' },
  commercial: { 'zh-CN': '商业', en: 'commercial' },
  industrial: { 'zh-CN': '工业', en: 'industrial' },
  land: { 'zh-CN': '土地', en: 'land' },
};

/** Assessed value of the titles `test` accepts; missing when no title has a value at all. */
function assessed(entries: readonly Entry[], test: (entry: Entry) => boolean): number | null {
  if (!entries.some((entry) => value(entry) !== null)) return null;
  return entries.filter(test).reduce((sum, entry) => sum + (value(entry) ?? 0), 0);
}

/** The type holding the most area (ties: the first by name). */
function mainType(entries: readonly Entry[]): string | null {
  const area = new Map<string, number>();
  for (const entry of entries) {
    const type = text(entry.content, 'property_type');
    if (type !== null)
      area.set(type, (area.get(type) ?? 0) + (decimal(entry.content, 'area_m2') ?? 0));
  }
  const ranked = [...area].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  return ranked[0]?.[0] ?? null;
}

export const PROPERTY_FEATURES: readonly FeatureDefinition[] = [
  overAll(
    {
      ...PROPERTY,
      name: 'property_titles',
      unit: 'count',
      label: { 'zh-CN': '不动产权证数', en: 'Property titles held' },
      reason: { 'zh-CN': '名下不动产较少：{value} 处', en: 'Little property held: {value} titles' },
    },
    (entries) => entries.length,
  ),
  overAll(
    {
      ...PROPERTY,
      name: 'property_value',
      unit: 'fen',
      label: { 'zh-CN': '不动产评估价值合计', en: 'Assessed value of property' },
      reason: {
        'zh-CN': '名下不动产评估价值较低：{value}',
        en: 'Low assessed value of property: {value}',
      },
    },
    (entries) => assessed(entries, () => true),
  ),
  overAll(
    {
      ...PROPERTY,
      name: 'property_area',
      unit: 'square_metres',
      label: { 'zh-CN': '不动产面积合计（平方米）', en: 'Area of property (m²)' },
      reason: {
        'zh-CN': '名下不动产面积较小：{value} 平方米',
        en: 'Little property area: {value} m²',
      },
    },
    (entries) => entries.reduce((sum, entry) => sum + (decimal(entry.content, 'area_m2') ?? 0), 0),
  ),
  overAll(
    {
      ...PROPERTY,
      name: 'property_mortgaged_titles',
      unit: 'count',
      label: { 'zh-CN': '已抵押不动产数', en: 'Mortgaged property titles' },
      reason: {
        'zh-CN': '名下已抵押不动产 {value} 处',
        en: '{value} property titles already mortgaged',
      },
    },
    (entries) => entries.filter(mortgaged).length,
  ),
  overAll(
    {
      ...PROPERTY,
      name: 'property_mortgaged_share',
      unit: 'ratio',
      label: { 'zh-CN': '已抵押不动产占比', en: 'Share of property titles mortgaged' },
      reason: {
        'zh-CN': '不动产大部分已抵押：{value}',
        en: 'Most property already mortgaged: {value}',
      },
    },
    (entries) => (entries.length === 0 ? null : entries.filter(mortgaged).length / entries.length),
  ),
  overAll(
    {
      ...PROPERTY,
      name: 'property_unencumbered_value',
      unit: 'fen',
      label: { 'zh-CN': '未抵押不动产评估价值', en: 'Assessed value of unmortgaged property' },
      reason: {
        'zh-CN': '可用作抵押的不动产价值较低：{value}',
        en: 'Little property free to pledge: {value}',
      },
    },
    (entries) => assessed(entries, free),
  ),
  overAll(
    {
      ...PROPERTY,
      name: 'property_main_type',
      unit: 'category',
      label: { 'zh-CN': '主要不动产类型', en: 'Main type of property' },
      reason: { 'zh-CN': '主要不动产类型：{value}', en: 'Main type of property: {value}' },
      describe: levels(TYPE_WORDS),
    },
    mainType,
  ),
  overAll(
    {
      ...PROPERTY,
      name: 'property_years_held',
      unit: 'years',
      label: { 'zh-CN': '持有不动产年限', en: 'Years since the first property title' },
      reason: {
        'zh-CN': '持有不动产时间较短：{value} 年',
        en: 'Property held only {value} years',
      },
    },
    (entries, history) => {
      const first = entries[0]?.at;
      if (first === undefined) return null;
      return Math.round((daysBetween(first, history.asOf) / 365.25) * 100) / 100;
    },
  ),
];
