import type { CheckInput, ProductThresholds } from './checks.js';

export type ResolvedThresholds = Required<ProductThresholds> & {
  readonly requiredContinuousMonths: number;
};

export const DEFAULT_THRESHOLDS = {
  minimumAge: 18,
  minimumBaseToIncomePercent: 50,
  minimumBusinessAgeMonths: 12,
} as const;

/** Older than this is a typo in the year of birth, not a borrower. */
export const MAXIMUM_PLAUSIBLE_AGE = 100;

function requireInteger(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
  return value;
}

/**
 * The product's limits with defaults filled in. Out-of-range limits are a misconfigured product,
 * not a borrower's problem, so they throw rather than fail a check.
 */
export function resolveThresholds(input: CheckInput): ResolvedThresholds {
  const given = input.thresholds ?? {};
  const months = requireInteger('requiredContinuousMonths', input.requiredContinuousMonths, 1, 120);
  return {
    requiredContinuousMonths: months,
    minimumAge: requireInteger(
      'minimumAge',
      given.minimumAge ?? DEFAULT_THRESHOLDS.minimumAge,
      0,
      99,
    ),
    minimumBaseToIncomePercent: requireInteger(
      'minimumBaseToIncomePercent',
      given.minimumBaseToIncomePercent ?? DEFAULT_THRESHOLDS.minimumBaseToIncomePercent,
      0,
      100,
    ),
    minimumBusinessAgeMonths: requireInteger(
      'minimumBusinessAgeMonths',
      given.minimumBusinessAgeMonths ?? DEFAULT_THRESHOLDS.minimumBusinessAgeMonths,
      0,
      1200,
    ),
    housingFundMonthsIn12: requireInteger(
      'housingFundMonthsIn12',
      given.housingFundMonthsIn12 ?? Math.min(months, 12),
      0,
      12,
    ),
  };
}
