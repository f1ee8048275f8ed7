/**
 * The platform's default small-business and consumer loan policy, a JDM file the GoRules
 * editor opens as is. Lenders start from it and publish their own versions.
 *
 * One `collect` table: every matching row adds its verdict, reason code or terms, and
 * `interpretPolicyOutput` merges them (strictest decision, lowest limit). Knock-outs
 * (dishonest debtor, closed business, long tax arrears, current overdue, failed check,
 * grade E) decline; doubts (grade D, pending check, recent arrears, young business, short
 * social security …) send to review; grades A to C approve with limit, rate and term by
 * grade and applicant kind, an enterprise's limit capped at 8 times its tax paid in 12
 * months (the bank-tax interaction practice, 银税互动).
 */
import document from './default-policy.jdm.json' with { type: 'json' };
import { validateJdmValue, type JdmDocument } from './jdm.js';

/** A fresh, validated copy of the default policy each call. */
export function defaultPolicy(): JdmDocument {
  const parsed = validateJdmValue(document);
  if (!parsed.ok) {
    const first = parsed.problems[0];
    throw new Error(`The default policy is not valid JDM: ${first?.path} ${first?.message}`);
  }
  return parsed.document;
}
