import type { Translate } from '../app/i18n';
import type { MessageKey } from '../i18n/messages';

const CATEGORY_KEYS: Readonly<Record<string, MessageKey>> = {
  business_registration: 'provider.category.business_registration',
  tax: 'provider.category.tax',
  social_security: 'provider.category.social_security',
  housing_fund: 'provider.category.housing_fund',
  customs: 'provider.category.customs',
  utilities: 'provider.category.utilities',
  judicial: 'provider.category.judicial',
  administrative: 'provider.category.administrative',
  credit_bureau: 'provider.category.credit_bureau',
  property: 'provider.category.property',
  procurement: 'provider.category.procurement',
  self_reported: 'provider.category.self_reported',
};

/** A record category's name in the reader's language (the code when it is a new one). */
export function categoryLabel(t: Translate, code: string): string {
  const key = CATEGORY_KEYS[code];
  return key ? t(key) : code;
}

const REASON_KEYS: Readonly<Record<string, MessageKey>> = {
  required: 'provider.reason.required',
  unknown_field: 'provider.reason.unknown_field',
  bad_period: 'provider.reason.bad_period',
  period_in_future: 'provider.reason.period_in_future',
  negative_amount: 'provider.reason.negative_amount',
  not_a_number: 'provider.reason.not_a_number',
  too_many_decimals: 'provider.reason.too_many_decimals',
  out_of_range: 'provider.reason.out_of_range',
  not_an_integer: 'provider.reason.not_an_integer',
  not_in_enum: 'provider.reason.not_in_enum',
  bad_date: 'provider.reason.bad_date',
  date_in_future: 'provider.reason.date_in_future',
  too_long: 'provider.reason.too_long',
  unknown_region: 'provider.reason.unknown_region',
  truncated: 'provider.reason.truncated',
  record_too_large: 'provider.reason.record_too_large',
  malformed_csv: 'provider.reason.malformed_csv',
  malformed_json: 'provider.reason.malformed_json',
  column_count: 'provider.reason.column_count',
  USCC_CHECK_CHARACTER: 'provider.reason.USCC_CHECK_CHARACTER',
  USCC_LENGTH: 'provider.reason.USCC_LENGTH',
  RESIDENT_ID_CHECK_CHARACTER: 'provider.reason.RESIDENT_ID_CHECK_CHARACTER',
};

/** A quarantine reason code in words; codes the portal does not know are shown as they are. */
export function reasonLabel(t: Translate, code: string): string {
  const key = REASON_KEYS[code];
  return key ? t(key) : code;
}

/** The first 8 characters of a UUID: enough to tell batches apart on screen. */
export const shortId = (id: string) => id.slice(0, 8);
