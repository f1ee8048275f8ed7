import { objectionStatistics } from '../disputes/disputes.service.js';
import { countSubjectsWithRecords } from '../ingest/records.service.js';
import { applicationFacts, type ApplicationFact } from '../loans/statistics.service.js';
import { requireRole } from '../platform/auth/guards.js';
import type { Principal } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import { enterpriseAttributes, registryCounts } from '../registry/registry.service.js';
import { modelSegments } from '../scoring/models.service.js';
import { fairnessFlags, ratesByGroup, type DecisionFact } from './rates.js';

const UNKNOWN = 'unknown';

function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? null;
}

function decisionSummary(facts: readonly ApplicationFact[]) {
  const decided = facts.filter((f) => f.approved !== null);
  const speeds = facts
    .flatMap((f) => (f.decisionMs === null ? [] : [f.decisionMs]))
    .sort((a, b) => a - b);
  return {
    applications: facts.length,
    decided: decided.length,
    approvalRate:
      decided.length === 0 ? null : decided.filter((f) => f.approved).length / decided.length,
    /** Final words the machine gave alone, of all final words. */
    automationRate:
      decided.length === 0 ? null : decided.filter((f) => f.automated).length / decided.length,
    decisionMs: { p50: percentile(speeds, 0.5), p95: percentile(speeds, 0.95) },
    loans: facts.filter((f) => f.defaulted !== null).length,
    defaults: facts.filter((f) => f.defaulted === true).length,
  };
}

/**
 * The regulator's view of the market: coverage, decision speed, automation, approval and
 * default rates by industry, region (province) and scorecard segment, the fairness check on
 * industries, and objections. Aggregates only: no subject is named.
 */
export async function marketStatistics(ctx: AppContext, principal: Principal | null) {
  requireRole(principal, 'regulator', 'operator');
  const [facts, counts, enterprisesWithRecords, personsWithRecords, objections] = await Promise.all(
    [
      applicationFacts(ctx),
      registryCounts(ctx.db),
      countSubjectsWithRecords(ctx.db, 'enterprise'),
      countSubjectsWithRecords(ctx.db, 'person'),
      objectionStatistics(ctx, principal),
    ],
  );
  const enterprises = await enterpriseAttributes(
    ctx.db,
    facts.filter((f) => f.applicantKind === 'enterprise').map((f) => f.applicantRef),
  );
  const segments = await modelSegments(
    ctx,
    facts.flatMap((f) => (f.modelId ? [f.modelId] : [])),
  );
  const by = (group: (fact: ApplicationFact) => string) =>
    ratesByGroup(
      facts.map((fact): DecisionFact => ({
        group: group(fact),
        approved: fact.approved,
        defaulted: fact.defaulted,
      })),
    );
  const attributes = (fact: ApplicationFact) => enterprises.get(fact.applicantRef);
  const byIndustry = by((f) =>
    f.applicantKind === 'person' ? 'person' : (attributes(f)?.industry ?? UNKNOWN),
  );
  return {
    coverage: {
      ...counts,
      enterprisesWithRecords,
      personsWithRecords,
    },
    decisions: decisionSummary(facts),
    byIndustry,
    byRegion: by((f) => {
      const region = attributes(f)?.regionCode;
      return region
        ? `${region.slice(0, 2)}0000`
        : f.applicantKind === 'person'
          ? 'person'
          : UNKNOWN;
    }),
    bySegment: by((f) => (f.modelId ? (segments.get(f.modelId) ?? UNKNOWN) : 'unscored')),
    fairness: { byIndustry: fairnessFlags(byIndustry) },
    objections,
  };
}
