import type { Locale } from '../i18n/catalogue';

/** A timestamp in the reader's language, China time (the platform's calendar). */
export function formatDateTime(value: string | null | undefined, locale: Locale): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Shanghai',
  }).format(new Date(value));
}

/** A calendar day (`YYYY-MM-DD` or a timestamp) in the reader's language. */
export function formatDate(value: string | null | undefined, locale: Locale): string {
  if (!value) return '—';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? new Date(`${value}T00:00:00+08:00`)
    : new Date(value);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'Asia/Shanghai' }).format(
    date,
  );
}

/** A share 0..1 as a percentage with one decimal. */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '—';
  return `${(share * 100).toFixed(1)}%`;
}
