/**
 * Every problem code a verification can report, with its check and wording: the catalogue an
 * API documents, and the only place problems get their words from.
 */
import { BUSINESS_STATUS_PROBLEMS } from './business-status.js';
import { COURT_ENFORCEMENT_PROBLEMS } from './court-enforcement.js';
import type { ProblemDefinition } from './definition.js';
import { HOUSING_FUND_PROBLEMS } from './housing-fund.js';
import { IDENTITY_PROBLEMS } from './identity.js';
import { SOCIAL_SECURITY_PROBLEMS } from './social-security.js';

export type { FixTemplate, ProblemDefinition } from './definition.js';
export { PROOF_KINDS } from './proofs.js';

export const CHECK_PROBLEM_CODES = {
  ...IDENTITY_PROBLEMS,
  ...SOCIAL_SECURITY_PROBLEMS,
  ...BUSINESS_STATUS_PROBLEMS,
  ...COURT_ENFORCEMENT_PROBLEMS,
  ...HOUSING_FUND_PROBLEMS,
} as const satisfies Record<string, ProblemDefinition>;

export type ProblemCode = keyof typeof CHECK_PROBLEM_CODES;
