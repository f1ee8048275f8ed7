import { currentRecordsOf, type SubjectRecord } from '../ingest/records.service.js';
import type { SubjectKind } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import type { Db, Tx } from '../platform/db.js';
import { chinaDate } from '../platform/time.js';
import type { CheckSources, SourceData, SourceRecord } from './checks.js';

const SOURCE_CATEGORIES = ['social_security', 'housing_fund', 'judicial'] as const;

function sourceOf(records: readonly SubjectRecord[], today: string): SourceData {
  const latest = records.reduce<Date | null>(
    (max, r) => (max === null || r.receivedAt > max ? r.receivedAt : max),
    null,
  );
  return {
    status: 'available',
    // Data are complete up to the day they last arrived (or today, when none ever did).
    asOf: latest ? chinaDate(latest) : today,
    records: records.map((r): SourceRecord => ({
      id: r.id,
      category: r.category,
      period: r.period,
      content: r.content,
    })),
  };
}

/**
 * The data sources of an applicant's checks, from the platform's own current records: the
 * applicant's social security, housing fund and court records, and the business
 * registrations of the applicant (an enterprise) or of its stated employer. The registry's
 * answer is given by the caller.
 */
export async function gatherCheckSources(
  ctx: AppContext,
  db: Db | Tx,
  applicant: { kind: SubjectKind; ref: string; registered: boolean; name?: string },
  statedEmployerUscc: string | null,
  today: string,
): Promise<CheckSources> {
  // An enterprise's checks read its own records, not its staff's.
  const mine =
    (
      await currentRecordsOf(ctx, db, applicant.kind, [applicant.ref], {
        withStaff: false,
        categories: ['business_registration', ...SOURCE_CATEGORIES],
      })
    ).get(applicant.ref) ?? [];
  const employers = statedEmployerUscc === null ? [] : [statedEmployerUscc];
  const employerRecords = await currentRecordsOf(ctx, db, 'enterprise', employers, {
    withStaff: false,
    categories: ['business_registration'],
  });
  const registrations = [
    ...(applicant.kind === 'enterprise' ? [mine] : []),
    ...employerRecords.values(),
  ]
    .flat()
    .filter((r) => r.category === 'business_registration');
  const byCategory = (category: string) => mine.filter((r) => r.category === category);
  const sources: Record<string, unknown> = {
    registry: {
      status: 'available',
      asOf: today,
      registered: applicant.registered,
      ...(applicant.name === undefined ? {} : { name: applicant.name }),
    },
    business_registration: sourceOf(registrations, today),
  };
  for (const category of SOURCE_CATEGORIES)
    sources[category] = sourceOf(byCategory(category), today);
  return sources;
}
