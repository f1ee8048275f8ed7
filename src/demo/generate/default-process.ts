/**
 * The hidden default process of the demo data: what a scorecard trained on the generated
 * files should be able to learn. Nothing of it is written to the provider files; only its
 * outcome is, in `outcomes.csv`.
 *
 * Enterprises
 * 1. Each enterprise has a base latent risk `r = industry + size + form + age + N(0, 1)`:
 *    catering (+0.45) and construction (+0.5) are riskier than technology (−0.15); micro
 *    firms +0.35, medium −0.45; 个体工商户 +0.2; younger than three years +0.35.
 * 2. Risk moves over the history window: `drift = max(0, r − 0.4) + 0.3·N(0, 1)` and the
 *    stress in month t (of T) is `s(t) = r + drift·(t + 1)/T`, so weak firms get weaker
 *    towards the as-of month; before the window `s = r`.
 * 3. The stress drives every observable signal, each with its own noise:
 *    - tax: new arrears with p = σ(−5.5 + 1.1 s), repaid with p = σ(1 − s); taxable revenue
 *      falls with the drift (log revenue − 0.35·(s − r)) on top of its own trend and noise;
 *      tax credit rating from the yearly mean stress;
 *    - social security / housing fund: months of unpaid contributions (arrears) for all staff
 *      with p = σ(−5.5 + 1.2 s); staff leave with hazard 0.008 + 0.04·σ(2(s − 2.5)), so
 *      headcount declines;
 *    - utilities: late payment with p = σ(−3.6 + 0.9 s), longer overdue days when stressed;
 *    - credit bureau: an overdue spell starts with p = σ(−5.2 + 1.1 s) and continues with
 *      p = 0.55 + 0.1·min(s, 3); inquiries ~ Poisson(0.6 + 2σ(s − 1.5));
 *    - courts: defendant cases at 0.005·e^(0.7 s) a month, followed by enforcement with
 *      p = σ(s − 1) (listed as dishonest with p = σ(s − 2.5));
 *    - administrative: penalties at 0.0025·e^(0.7 s) a month (serious with p = σ(s − 2)),
 *      commendations at 0.0015·e^(−0.8 r);
 *    - registration: listed abnormal at as-of with p = σ(−4.5 + 1.1 s_end);
 *    - self-reported: liabilities / assets = 0.35 + 0.1 s + noise, margin 0.07 − 0.035 s + noise;
 *    - property: mortgaged with p = σ(−0.3 + 0.9 r); procurement wins fall with e^(−0.5 r).
 * 4. Default within the 12 months after as-of: `P = σ(α + 1.2·s_end)`, s_end the stress at
 *    as-of (`r + drift`), with α solved so the expected rate is 10 %.
 *
 * Persons
 * 5. `r_p = 0.9·N(0, 1) + 0.3·r(first employer) + age` (under 30 +0.2, over 55 −0.1). It drives
 *    job changes (hazard 0.007 + 0.006σ(r_p)), gaps between jobs (p = σ(−1 + 0.9 r_p), length
 *    1 + Poisson(1.5 + max(0, r_p)) months), credit-bureau overdue spells (start
 *    σ(−5.5 + 1.2 r_p + 1.0·unemployed)) and court cases as defendant (0.0012·e^(r_p) a month).
 * 6. Default: `P = σ(α_p + 1.1 r_p + 0.8·unemployed at as-of + 0.8·overdue ≥ 30 days in the
 *    last 6 months + 0.6·defendant in a case filed in the last 24 months)`, α_p solved for 8 %.
 *
 * The outcome is then one Bernoulli draw per subject. A learner sees only the signals, which
 * are noisy functions of the latent stress, never `r` or `s` themselves.
 */
import type { Industry } from '../../registry/registry.js';
import { clamp, sigmoid, type Rng } from './prng.js';

export type EnterpriseSize = 'micro' | 'small' | 'medium';

export const TARGET_ENTERPRISE_DEFAULT_RATE = 0.1;
export const TARGET_PERSON_DEFAULT_RATE = 0.08;
/** How strongly the stress at as-of moves the default log-odds. */
export const ENTERPRISE_DEFAULT_SLOPE = 1.2;

const INDUSTRY_RISK: Readonly<Record<Industry, number>> = {
  manufacturing: 0.1,
  services: 0,
  technology: -0.15,
  trade: 0.25,
  catering: 0.45,
  construction: 0.5,
  agriculture: 0.3,
  logistics: 0.2,
  other: 0.15,
};

const SIZE_RISK: Readonly<Record<EnterpriseSize, number>> = {
  micro: 0.35,
  small: 0,
  medium: -0.45,
};

export interface EnterpriseRiskFactors {
  readonly industry: Industry;
  readonly size: EnterpriseSize;
  /** 个体工商户. */
  readonly individual: boolean;
  /** Age at the as-of month, in years. */
  readonly ageYears: number;
}

/** The base latent risk `r` (point 1). */
export function enterpriseBaseRisk(rng: Rng, factors: EnterpriseRiskFactors): number {
  return (
    INDUSTRY_RISK[factors.industry] +
    SIZE_RISK[factors.size] +
    (factors.individual ? 0.2 : 0) +
    (factors.ageYears < 3 ? 0.35 : 0) +
    rng.normal()
  );
}

/** How far the risk moves over the whole window (point 2). */
export function enterpriseDrift(rng: Rng, risk: number): number {
  return Math.max(0, risk - 0.4) + 0.3 * rng.normal();
}

/** The stress in month index `t` of a `months`-long window (negative `t`: before it). */
export function stressAt(risk: number, drift: number, t: number, months: number): number {
  return t < 0 ? risk : risk + (drift * (Math.min(t, months - 1) + 1)) / months;
}

/** The monthly and per-event signal probabilities of an enterprise (point 3). */
export const enterpriseSignals = {
  taxArrears: (s: number) => sigmoid(-5.5 + 1.1 * s),
  taxRepayment: (s: number) => sigmoid(1 - s),
  /** Added to log revenue: revenue falls as the firm deteriorates. */
  revenueShift: (risk: number, stress: number) => -0.35 * (stress - risk),
  contributionGap: (s: number) => sigmoid(-5.5 + 1.2 * s),
  staffLeaving: (s: number) => 0.008 + 0.04 * sigmoid(2 * (s - 2.5)),
  utilityLate: (s: number) => sigmoid(-3.6 + 0.9 * s),
  /** Mean days overdue of a late utility bill. */
  utilityOverdueDays: (s: number) => 6 + 25 * sigmoid(s - 2),
  creditOverdueStart: (s: number) => sigmoid(-5.2 + 1.1 * s),
  creditOverdueContinue: (s: number) => 0.55 + 0.1 * clamp(s, 0, 3),
  inquiriesMean: (s: number) => 0.6 + 2 * sigmoid(s - 1.5),
  courtCaseMonthlyRate: (s: number) => 0.005 * Math.exp(0.7 * s),
  enforcementFollows: (s: number) => sigmoid(s - 1),
  listedDishonest: (s: number) => sigmoid(s - 2.5),
  penaltyMonthlyRate: (s: number) => 0.0025 * Math.exp(0.7 * s),
  seriousPenalty: (s: number) => sigmoid(s - 2),
  commendationMonthlyRate: (risk: number) => 0.0015 * Math.exp(-0.8 * risk),
  abnormalAtAsOf: (sEnd: number) => sigmoid(-4.5 + 1.1 * sEnd),
  revokedInWindow: (sEnd: number) => sigmoid(-7.5 + 1.1 * sEnd),
  leverage: (s: number, ownNoise: number, rng: Rng) =>
    clamp(0.35 + 0.1 * s + ownNoise + 0.03 * rng.normal(), 0.03, 1.6),
  margin: (s: number, rng: Rng) => 0.07 - 0.035 * s + 0.04 * rng.normal(),
  mortgaged: (risk: number) => sigmoid(-0.3 + 0.9 * risk),
  procurementWeight: (risk: number) => Math.exp(-0.5 * risk),
  contractTerminated: (risk: number) => sigmoid(-3.5 + 0.8 * risk),
} as const;

/** The default log-odds of an enterprise without the intercept (point 4). */
export const enterpriseDefaultTerm = (stressAtAsOf: number) =>
  ENTERPRISE_DEFAULT_SLOPE * stressAtAsOf;

/** The base latent risk of a person (point 5). */
export function personBaseRisk(rng: Rng, firstEmployerRisk: number, age: number): number {
  return 0.9 * rng.normal() + 0.3 * firstEmployerRisk + (age < 30 ? 0.2 : age > 55 ? -0.1 : 0);
}

export const personSignals = {
  jobChange: (r: number) => 0.007 + 0.006 * sigmoid(r),
  gapOnChange: (r: number) => sigmoid(-1 + 0.9 * r),
  gapMonths: (rng: Rng, r: number) => 1 + rng.poisson(1.5 + Math.max(0, r)),
  creditOverdueStart: (r: number, unemployed: boolean) =>
    sigmoid(-5.5 + 1.2 * r + (unemployed ? 1 : 0)),
  creditOverdueContinue: () => 0.5,
  courtCaseMonthlyRate: (r: number) => 0.0012 * Math.exp(r),
} as const;

export interface PersonOutcomeSignals {
  readonly unemployedAtAsOf: boolean;
  /** Any month in the last six with 30 or more days overdue at the credit bureau. */
  readonly recentOverdue30: boolean;
  /** Defendant in a case filed in the last 24 months. */
  readonly recentCourtCase: boolean;
}

/** The default log-odds of a person without the intercept (point 6). */
export function personDefaultTerm(risk: number, signals: PersonOutcomeSignals): number {
  return (
    1.1 * risk +
    (signals.unemployedAtAsOf ? 0.8 : 0) +
    (signals.recentOverdue30 ? 0.8 : 0) +
    (signals.recentCourtCase ? 0.6 : 0)
  );
}

/**
 * The intercept α for which the mean of σ(α + term) over the population equals `target`
 * (bisection; the mean is increasing in α).
 */
export function calibrateIntercept(terms: readonly number[], target: number): number {
  if (terms.length === 0) return 0;
  let low = -30;
  let high = 30;
  for (let i = 0; i < 80; i++) {
    const mid = (low + high) / 2;
    let sum = 0;
    for (const term of terms) sum += sigmoid(mid + term);
    if (sum / terms.length < target) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}
