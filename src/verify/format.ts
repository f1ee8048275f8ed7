/**
 * Renders problem parameters for people. Money stays bigint all the way to text, so an amount
 * is never rounded through a double; months keep their `YYYY-MM` form, which both languages
 * read the same.
 */
import type { Locale } from '../platform/locale.js';
import type { ProblemParams } from './checks.js';

const GROUP = /\B(?=(\d{3})+(?!\d))/g;

/** Integer fen as `4,500.00 元` / `CNY 4,500.00`. */
export function formatFen(fen: bigint, locale: Locale): string {
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  const yuan = (abs / 100n).toString().replace(GROUP, ',');
  const amount = `${sign}${yuan}.${(abs % 100n).toString().padStart(2, '0')}`;
  return locale === 'zh-CN' ? `${amount} 元` : `CNY ${amount}`;
}

const MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

/** `2026-05-31` as `2026年5月31日` / `31 May 2026`; anything else unchanged. */
export function formatDate(date: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) return date;
  const [year, month, day] = [match[1] ?? '', Number(match[2]), Number(match[3])];
  return locale === 'zh-CN'
    ? `${year}年${month}月${day}日`
    : `${day} ${MONTH_NAMES[month - 1] ?? ''} ${year}`;
}

/** A wait as the borrower would say it: whole minutes under two hours, whole hours beyond. */
export function formatDuration(seconds: number, locale: Locale): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  if (minutes < 120) return locale === 'zh-CN' ? `${minutes} 分钟` : `${minutes} minutes`;
  const hours = Math.ceil(minutes / 60);
  return locale === 'zh-CN' ? `${hours} 小时` : `${hours} hours`;
}

export function formatList(items: readonly string[], locale: Locale): string {
  return items.join(locale === 'zh-CN' ? '、' : ', ');
}

const NOT_GIVEN: Readonly<Record<Locale, string>> = { 'zh-CN': '未提供', en: 'not given' };

function formatParam(key: string, value: ProblemParams[string], locale: Locale): string {
  if (typeof value !== 'string' && typeof value !== 'number') return formatList(value, locale);
  if (key.endsWith('Fen') && /^-?\d+$/.test(String(value))) {
    return formatFen(BigInt(value), locale);
  }
  if (key === 'asOf' || key.endsWith('On')) return formatDate(String(value), locale);
  if (key.endsWith('Seconds') && typeof value === 'number') return formatDuration(value, locale);
  return String(value);
}

/** Fills `{key}` placeholders; a parameter the record did not have reads "not given". */
export function render(template: string, params: ProblemParams, locale: Locale): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    return value === undefined ? NOT_GIVEN[locale] : formatParam(key, value, locale);
  });
}

/** Placeholders a template uses, for the catalogue's consistency tests and API docs. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
}
