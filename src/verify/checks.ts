/**
 * The vocabulary of loan-application verification: what the application states, what each data
 * source returned, and what a check concludes. Checks are pure: the caller fetches the sources
 * (and records who read what); a check only reads what it is given.
 *
 * The point of a result is that the borrower learns, in one go, everything that is wrong and
 * what to do about it, so every failure names its field or source, the data's as-of date and a
 * fix. A source that could not be asked never makes a check fail: it makes it `unavailable`.
 */
import type { RecordCategory } from '../ingest/categories.js';
import type { Locale } from '../platform/locale.js';

export type CheckName =
  'identity' | 'social_security' | 'business_status' | 'court_enforcement' | 'housing_fund';

export const CHECK_NAMES: readonly CheckName[] = [
  'identity',
  'social_security',
  'business_status',
  'court_enforcement',
  'housing_fund',
];

export type ApplicantKind = 'enterprise' | 'person';
export type LocalText = Readonly<Record<Locale, string>>;

/** A product's own limits; every one has a default (see `DEFAULT_THRESHOLDS`). */
export interface ProductThresholds {
  /** Youngest accepted age, in whole years at the application date. */
  readonly minimumAge?: number;
  /** The contribution base must reach this share of the stated monthly income, in percent. */
  readonly minimumBaseToIncomePercent?: number;
  /** Youngest accepted business, in whole months since it was established. */
  readonly minimumBusinessAgeMonths?: number;
  /** Months with a housing-fund deposit required among the last 12; default N, at most 12. */
  readonly housingFundMonthsIn12?: number;
}

/** What the application (or the pre-check form) states. Money is integer fen. */
export interface CheckInput {
  readonly applicantKind: ApplicantKind;
  /** Resident ID of a person, USCC of an enterprise, as typed. */
  readonly subjectId: string;
  readonly name: string;
  readonly employerUscc?: string;
  readonly statedMonthlyIncomeFen?: bigint;
  /** GB/T 2260 code of the city the applicant says they live and work in. */
  readonly cityRegionCode?: string;
  /** N: months of unbroken social-security contributions the product asks for. */
  readonly requiredContinuousMonths: number;
  readonly minimumContributionBaseFen?: bigint;
  readonly thresholds?: ProductThresholds;
}

/** One current canonical record, as `SubjectRecord` carries it (money as digit strings). */
export interface SourceRecord {
  readonly id: string;
  readonly category: RecordCategory;
  readonly period: string | null;
  readonly content: Readonly<Record<string, unknown>>;
}

export interface UnavailableSource {
  readonly status: 'unavailable';
  /** For operators; never shown to the borrower as the cause. */
  readonly reason: string;
  readonly retryAfterSeconds: number;
}

export interface AvailableSource {
  readonly status: 'available';
  /** `YYYY-MM-DD`: the date up to which the source's data is complete. */
  readonly asOf: string;
  readonly records: readonly SourceRecord[];
}

export type SourceData = AvailableSource | UnavailableSource;

/** The platform registry's answer about the applicant (persons or enterprises). */
export interface RegistryFacts {
  readonly status: 'available';
  readonly asOf: string;
  readonly registered: boolean;
  /** The registered name, when registered. */
  readonly name?: string;
}

export type RegistrySource = RegistryFacts | UnavailableSource;

/**
 * Everything fetched for one run. `business_registration` may hold several enterprises' records
 * (the applicant, the stated and the actual employer): checks pick theirs by USCC.
 */
export interface CheckSources {
  readonly registry?: RegistrySource;
  readonly social_security?: SourceData;
  readonly housing_fund?: SourceData;
  readonly business_registration?: SourceData;
  readonly judicial?: SourceData;
}

export type SourceName = keyof CheckSources;

/**
 * What the borrower can do. `register` and `reapply_later` cover causes no document can
 * change: someone not yet registered, or too young (a person or a business).
 */
export type FixAction =
  | 'correct_field'
  | 'wait_for_source'
  | 'upload_proof'
  | 'contact_provider'
  | 'file_objection'
  | 'register'
  | 'reapply_later';

export type ProofKind =
  | 'identity_card'
  | 'name_change_certificate'
  | 'business_licence'
  | 'labour_contract'
  | 'income_statement'
  | 'bank_statement'
  | 'social_security_certificate'
  | 'social_security_transfer'
  | 'housing_fund_certificate'
  | 'enforcement_closure'
  | 'settlement_agreement'
  | 'court_removal_decision'
  | 'abnormal_list_removal';

export interface Fix {
  readonly action: FixAction;
  readonly message: LocalText;
  /** Documents accepted for manual review, when the action is to upload one. */
  readonly proofKinds?: readonly ProofKind[];
  /** When the platform asks the source again, for `wait_for_source` on an unavailable source. */
  readonly retryAfterSeconds?: number;
}

/**
 * Values the messages were rendered from, kept for clients that render their own: money keys end
 * in `Fen` (integer fen as a digit string), date keys are `asOf` or end in `On` (`YYYY-MM-DD`),
 * durations end in `Seconds`, lists are arrays.
 */
export type ProblemParams = Readonly<Record<string, string | number | readonly string[]>>;

export interface CheckProblem {
  /** Stable machine code, listed in `CHECK_PROBLEM_CODES`. */
  readonly code: string;
  /** The application field (`statedEmployerUscc`, as the request names it) or source (`source:social_security`) at fault. */
  readonly field: string | null;
  readonly message: LocalText;
  readonly fix: Fix;
  /** Other ways out, e.g. an objection when the record itself is wrong. */
  readonly alternatives?: readonly Fix[];
  readonly params: ProblemParams;
}

export type CheckOutcome = 'pass' | 'fail' | 'unavailable';

export interface CheckResult {
  readonly check: CheckName;
  readonly outcome: CheckOutcome;
  /** Empty on pass; on fail, every problem found (an unavailable source may be among them). */
  readonly problems: readonly CheckProblem[];
  /** The source's as-of date; null when the source could not be asked. */
  readonly asOf: string | null;
  /** The source asked: a record category, or `registry`. */
  readonly source: SourceName;
  /** Ids of the records the conclusion rests on. */
  readonly evidence: readonly string[];
}

/** A check: pure, `today` is the application date `YYYY-MM-DD` (China civil date). */
export type Check = (input: CheckInput, sources: CheckSources, today: string) => CheckResult;
