/**
 * Feature values in words for reasons and screens: money in 元 / 万元 (CNY / CNY million in
 * English) with digit grouping, ratios as percentages, flags as yes / no.
 */
import type { Locale } from '../platform/locale.js';
import type { FeatureDefinition, FeatureScalar } from './features.js';

const formatters = new Map<string, Intl.NumberFormat>();

/** Grouped digits with at most `digits` decimals. */
function grouped(value: number, digits: number, locale: Locale): string {
  const key = `${locale}/${digits}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'zh-CN', {
      maximumFractionDigits: digits,
    });
    formatters.set(key, formatter);
  }
  return formatter.format(value);
}

const WAN = 10_000;
const MILLION = 1_000_000;

/** Integer fen as 元 or 万元 (CNY or CNY million): `1,234.5 元`, `12.35 万元`, `CNY 1.2 million`. */
export function formatMoney(fen: number, locale: Locale): string {
  const yuan = fen / 100;
  if (locale === 'zh-CN') {
    return Math.abs(yuan) >= WAN
      ? `${grouped(yuan / WAN, 2, locale)} 万元`
      : `${grouped(yuan, 2, locale)} 元`;
  }
  return Math.abs(yuan) >= MILLION
    ? `CNY ${grouped(yuan / MILLION, 2, locale)} million`
    : `CNY ${grouped(yuan, 2, locale)}`;
}

const WORDS = {
  missing: { 'zh-CN': '无数据', en: 'no data' },
  yes: { 'zh-CN': '是', en: 'yes' },
  no: { 'zh-CN': '否', en: 'no' },
} as const;

export function formatValue(
  feature: Pick<FeatureDefinition, 'unit' | 'describe'>,
  value: FeatureScalar,
  locale: Locale,
): string {
  if (value === null) return WORDS.missing[locale];
  if (typeof value === 'string') return feature.describe?.(value, locale) ?? value;
  switch (feature.unit) {
    case 'fen':
      return formatMoney(value, locale);
    case 'ratio':
      return `${grouped(value * 100, 1, locale)}%`;
    case 'flag':
      return (value === 0 ? WORDS.no : WORDS.yes)[locale];
    case 'square_metres':
      return grouped(value, 2, locale);
    case 'months':
    case 'count':
    case 'days':
    case 'years':
    case 'category':
      return grouped(value, 1, locale);
  }
}
