import { chinaDate } from '../platform/time.js';

export const DOCUMENT_KINDS = [
  'loan_contract',
  'alternative_proof',
  'objection_evidence',
  'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * The least a document of each kind is kept, in calendar years from the day it is archived.
 *
 * - Loan contracts and the proofs a borrower gave for a loan (labour contract, income
 *   statement, …) are the lender's customer-identification data and transaction records.
 *   The Anti-Money Laundering Law kept those at least five years after the business
 *   relationship ends (2006 text, art. 19, and PBOC's due-diligence measures of 2022); its 2024
 *   revision, in force since 2025-01-01, raised that to ten years. Ten it is. The relationship's end
 *   is not known when a document is archived, so this is a floor: when a loan closes, the
 *   loans domain extends it with `extendRetention` (end + ten years).
 * - Evidence of an objection to a credit record: five years, the time the Credit Reporting
 *   Regulation (征信业管理条例 art. 16) keeps the adverse record such evidence answers.
 * - Anything else: five years; PIPL art. 19 asks for no longer than the purpose needs.
 */
export const RETENTION_YEARS: Readonly<Record<DocumentKind, number>> = {
  loan_contract: 10,
  alternative_proof: 10,
  objection_evidence: 5,
  other: 5,
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The same calendar date `years` later; 29 February becomes 1 March in a common year, so
 * that the period is never shorter than `years` years.
 *
 * @example
 * addYears('2024-02-29', 10); // '2034-03-01'
 */
export function addYears(date: string, years: number): string {
  const match = ISO_DATE.exec(date);
  if (!match || !Number.isInteger(years) || years < 0) {
    throw new RangeError(`cannot add ${years} years to "${date}"`);
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Date.UTC rolls 29 February of a common year over to 1 March, as wanted.
  return new Date(Date.UTC(year + years, month - 1, day)).toISOString().slice(0, 10);
}

/** The date (China's calendar) until which a document archived at `createdAt` is kept. */
export function retainUntil(kind: DocumentKind, createdAt: Date): string {
  return addYears(chinaDate(createdAt), RETENTION_YEARS[kind]);
}
