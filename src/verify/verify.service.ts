import type { OpenOutage } from '../ingest/outages.service.js';
import {
  currentRecordsAndOutagesOf,
  currentRecordsOf,
  type SubjectRecord,
} from '../ingest/records.service.js';
import type { SubjectKind } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import type { Db, Tx } from '../platform/db.js';
import { chinaDate } from '../platform/time.js';
import { normaliseIdentifier } from '../registry/identifiers.js';
import type { CheckSources, SourceData, SourceRecord } from './checks.js';

const SOURCE_CATEGORIES = ['social_security', 'housing_fund', 'judicial'] as const;

function sourceOf(
  records: readonly SubjectRecord[],
  today: string,
  outage: OpenOutage | undefined,
): SourceData {
  // A source that is down may hold records the platform has not received: no judgement on it.
  if (outage) {
    return {
      status: 'unavailable',
      reason: `outage ${outage.id}: ${outage.reason}`,
      retryAfterSeconds: outage.retryAfterSeconds,
    };
  }
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
 * registrations of the applicant (an enterprise) or of its stated and actual employers. The
 * registry's answer is given by the caller.
 */
export async function gatherCheckSources(
  ctx: AppContext,
  db: Db | Tx,
  applicant: { kind: SubjectKind; ref: string; registered: boolean; name?: string },
  statedEmployerUscc: string | null,
  today: string,
): Promise<CheckSources> {
  // An enterprise's checks read its own records, not its staff's; with them, which of
  // their sources are down.
  const { records: mine, outages: down } = await currentRecordsAndOutagesOf(
    ctx,
    db,
    { kind: applicant.kind, ref: applicant.ref },
    ['business_registration', ...SOURCE_CATEGORIES],
  );
  // The stated employer as the borrower typed it (records are filed under the normalised
  // code), and whoever pays the contributions, for the messages that name both.
  const employers = [
    ...new Set([
      ...(statedEmployerUscc === null ? [] : [normaliseIdentifier(statedEmployerUscc)]),
      ...mine.flatMap((r) => {
        const uscc = r.category === 'social_security' ? r.content.employer_uscc : undefined;
        return typeof uscc === 'string' ? [normaliseIdentifier(uscc)] : [];
      }),
    ]),
  ];
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
    business_registration: sourceOf(registrations, today, down.get('business_registration')),
  };
  for (const category of SOURCE_CATEGORIES)
    sources[category] = sourceOf(byCategory(category), today, down.get(category));
  return sources;
}
