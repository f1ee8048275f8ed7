/**
 * The feature catalogue: every feature the profile computes, declared once, grouped by the
 * record category it is filed under. Names are stable API: add, never rename.
 */
import type { FeatureDefinition } from '../features.js';
import { ADMINISTRATIVE_FEATURES } from './administrative.js';
import { CREDIT_BUREAU_FEATURES } from './credit-bureau.js';
import { CUSTOMS_FEATURES } from './customs.js';
import { HOUSING_FUND_FEATURES } from './housing-fund.js';
import { JUDICIAL_FEATURES } from './judicial.js';
import { PERSON_FEATURES } from './person.js';
import { PROCUREMENT_FEATURES } from './procurement.js';
import { PROPERTY_FEATURES } from './property.js';
import { REGISTRATION_FEATURES } from './registration.js';
import { SELF_REPORTED_FEATURES } from './self-reported.js';
import { SOCIAL_SECURITY_FEATURES } from './social-security.js';
import { TAX_FEATURES } from './tax.js';
import { UTILITIES_FEATURES } from './utilities.js';

function unique(features: readonly FeatureDefinition[]): readonly FeatureDefinition[] {
  const seen = new Set<string>();
  for (const { name } of features) {
    // A duplicate would silently shadow a stored value: refuse to load.
    if (seen.has(name)) throw new Error(`feature ${name} is declared twice`);
    seen.add(name);
  }
  return Object.freeze([...features]);
}

export const FEATURES: readonly FeatureDefinition[] = unique([
  ...REGISTRATION_FEATURES,
  ...TAX_FEATURES,
  ...SOCIAL_SECURITY_FEATURES,
  ...HOUSING_FUND_FEATURES,
  ...CUSTOMS_FEATURES,
  ...UTILITIES_FEATURES,
  ...JUDICIAL_FEATURES,
  ...ADMINISTRATIVE_FEATURES,
  ...CREDIT_BUREAU_FEATURES,
  ...PROPERTY_FEATURES,
  ...PROCUREMENT_FEATURES,
  ...SELF_REPORTED_FEATURES,
  ...PERSON_FEATURES,
]);
