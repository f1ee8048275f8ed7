/**
 * Approval and default rates by group (industry, region, segment), and the fairness check:
 * groups whose borrowers default alike should be approved alike. Pure.
 */
export interface DecisionFact {
  readonly group: string;
  /** null: not decided yet. */
  readonly approved: boolean | null;
  /** null: no loan (yet). */
  readonly defaulted: boolean | null;
}

export interface GroupRates {
  readonly group: string;
  readonly applications: number;
  readonly decided: number;
  readonly approved: number;
  readonly approvalRate: number | null;
  readonly loans: number;
  readonly defaults: number;
  readonly defaultRate: number | null;
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

export function ratesByGroup(facts: readonly DecisionFact[]): GroupRates[] {
  const groups = new Map<string, DecisionFact[]>();
  for (const fact of facts) groups.set(fact.group, [...(groups.get(fact.group) ?? []), fact]);
  return [...groups.entries()]
    .map(([group, rows]) => {
      const decided = rows.filter((r) => r.approved !== null);
      const approved = decided.filter((r) => r.approved).length;
      const loans = rows.filter((r) => r.defaulted !== null);
      const defaults = loans.filter((r) => r.defaulted).length;
      return {
        group,
        applications: rows.length,
        decided: decided.length,
        approved,
        approvalRate: ratio(approved, decided.length),
        loans: loans.length,
        defaults,
        defaultRate: ratio(defaults, loans.length),
      };
    })
    .sort((a, b) => b.applications - a.applications || a.group.localeCompare(b.group));
}

export interface FairnessOptions {
  /** Default rates closer than this count as similar (default 2 percentage points). */
  readonly similarDefault?: number;
  /** Approval rates further apart than this are a gap (default 10 points). */
  readonly approvalGap?: number;
  /** Groups with fewer decisions or loans say nothing yet (default 20 and 10). */
  readonly minDecided?: number;
  readonly minLoans?: number;
}

export interface FairnessFlag {
  readonly groups: readonly [string, string];
  readonly approvalRates: readonly [number, number];
  readonly defaultRates: readonly [number, number];
}

/** Pairs of groups that default alike but are approved differently. */
export function fairnessFlags(rates: readonly GroupRates[], options: FairnessOptions = {}) {
  const { similarDefault = 0.02, approvalGap = 0.1, minDecided = 20, minLoans = 10 } = options;
  const sized = rates.filter(
    (r) =>
      r.decided >= minDecided &&
      r.loans >= minLoans &&
      r.approvalRate !== null &&
      r.defaultRate !== null,
  );
  const flags: FairnessFlag[] = [];
  for (const [i, a] of sized.entries()) {
    for (const b of sized.slice(i + 1)) {
      const [aApproval, bApproval] = [a.approvalRate ?? 0, b.approvalRate ?? 0];
      const [aDefault, bDefault] = [a.defaultRate ?? 0, b.defaultRate ?? 0];
      if (
        Math.abs(aDefault - bDefault) <= similarDefault &&
        Math.abs(aApproval - bApproval) >= approvalGap
      ) {
        flags.push({
          groups: [a.group, b.group],
          approvalRates: [aApproval, bApproval],
          defaultRates: [aDefault, bDefault],
        });
      }
    }
  }
  return flags;
}
