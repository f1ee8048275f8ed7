import { recordAudit } from '../ledger/ledger.service.js';
import { requireRole } from '../platform/auth/guards.js';
import type { Principal } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import type { Db, Tx } from '../platform/db.js';
import { DomainError, notFound } from '../platform/errors.js';
import { subjectRefOf } from '../registry/registry.service.js';
import type { RecordCategory } from './categories.js';
import * as repo from './ingest.repository.js';
import { openOutagesByCategory, type OpenOutage } from './outages.service.js';

const RECORD_CONTENT = 'records.content';

export interface RecordView {
  readonly id: string;
  readonly category: string;
  readonly version: number;
  readonly current: boolean;
  readonly subjectKind: 'enterprise' | 'person';
  readonly period: string | null;
  readonly content: Record<string, unknown>;
  readonly lineage: {
    readonly organisationId: string;
    readonly batchId: string;
    readonly fileName: string | null;
    readonly line: number;
    readonly receivedAt: Date;
    readonly schemaVersion: number;
    readonly contentHash: string;
    readonly supersededAt: Date | null;
  };
}

type RecordRow = NonNullable<Awaited<ReturnType<typeof repo.findRecord>>>;

function contentOf(
  ctx: AppContext,
  row: Pick<RecordRow, 'content' | 'content_encrypted'>,
): Record<string, unknown> {
  if (row.content) return row.content;
  return JSON.parse(ctx.crypto.decrypt(row.content_encrypted ?? '', RECORD_CONTENT)) as Record<
    string,
    unknown
  >;
}

async function toView(ctx: AppContext, row: RecordRow): Promise<RecordView> {
  const batch = await repo.findBatch(ctx.db, row.batch_id);
  return {
    id: row.id.toString(),
    category: row.category,
    version: row.version,
    current: row.superseded_at === null,
    subjectKind: row.subject_kind,
    period: row.period,
    content: contentOf(ctx, row),
    lineage: {
      organisationId: row.organisation_id,
      batchId: row.batch_id,
      fileName: batch?.file_name ?? null,
      line: row.line,
      receivedAt: row.received_at,
      schemaVersion: row.schema_version,
      contentHash: row.content_hash,
      supersededAt: row.superseded_at,
    },
  };
}

/**
 * A stored record, any version, with its lineage: for the provider that delivered it and
 * the operator. Reads of records about persons are audited.
 */
async function visibleRecord(ctx: AppContext, principal: Principal | null, id: bigint) {
  const actor = requireRole(principal, 'provider', 'operator');
  const row = await repo.findRecord(ctx.db, id);
  if (!row || (actor.role === 'provider' && row.organisation_id !== actor.organisationId)) {
    throw notFound('record');
  }
  return { actor, row };
}

async function auditPersonRead(ctx: AppContext, actor: Principal, rows: readonly RecordRow[]) {
  const personal = rows.filter((row) => row.subject_kind === 'person');
  if (personal.length === 0) return;
  await recordAudit(ctx.db, {
    actor,
    action: 'record.read',
    subject: { kind: 'person_ref', id: personal[0]?.subject_ref ?? '' },
    detail: { recordIds: personal.map((row) => row.id.toString()) },
  });
}

export async function getRecord(
  ctx: AppContext,
  principal: Principal | null,
  id: bigint,
): Promise<RecordView> {
  const { actor, row } = await visibleRecord(ctx, principal, id);
  await auditPersonRead(ctx, actor, [row]);
  return toView(ctx, row);
}

/** Every version of the record's natural key, oldest first: corrections keep the original. */
export async function getRecordVersions(
  ctx: AppContext,
  principal: Principal | null,
  id: bigint,
): Promise<RecordView[]> {
  const { actor, row } = await visibleRecord(ctx, principal, id);
  const rows = await repo.recordVersions(
    ctx.db,
    row.organisation_id,
    row.category,
    row.natural_key_index,
  );
  await auditPersonRead(ctx, actor, rows);
  return Promise.all(rows.map((version) => toView(ctx, version)));
}

/** A version of a borrower's own record: what it says and when it came, without lineage. */
export interface OwnRecordVersion {
  readonly id: string;
  readonly category: string;
  readonly version: number;
  readonly current: boolean;
  readonly period: string | null;
  readonly content: Record<string, unknown>;
  readonly receivedAt: Date;
  readonly supersededAt: Date | null;
}

/**
 * Every version of a record about the signed-in borrower, oldest first: what they object to,
 * and after a correction the original beside the corrected version. Another subject's record
 * is reported as absent.
 */
export async function getOwnRecordVersions(
  ctx: AppContext,
  principal: Principal | null,
  id: bigint,
): Promise<OwnRecordVersion[]> {
  const actor = requireRole(principal, 'borrower');
  if (actor.kind !== 'user' || !actor.subject) throw new DomainError('FORBIDDEN');
  const [row, ref] = await Promise.all([
    repo.findRecord(ctx.db, id),
    subjectRefOf(ctx.db, actor.subject),
  ]);
  if (!row || row.subject_kind !== actor.subject.kind || row.subject_ref !== ref) {
    throw notFound('record');
  }
  const rows = await repo.recordVersions(
    ctx.db,
    row.organisation_id,
    row.category,
    row.natural_key_index,
  );
  return rows.map((version) => ({
    id: version.id.toString(),
    category: version.category,
    version: version.version,
    current: version.superseded_at === null,
    period: version.period,
    content: contentOf(ctx, version),
    receivedAt: version.received_at,
    supersededAt: version.superseded_at,
  }));
}

/** A current record as the profile domain reads it: canonical content, decrypted. */
export interface SubjectRecord {
  readonly id: string;
  readonly category: RecordCategory;
  readonly version: number;
  readonly subjectRef: string;
  readonly period: string | null;
  /** Canonical fields; money is integer fen written as a decimal string. */
  readonly content: Readonly<Record<string, unknown>>;
  readonly receivedAt: Date;
}

function subjectRecord(
  ctx: AppContext,
  row: Parameters<typeof contentOf>[1] & {
    id: bigint;
    category: string;
    version: number;
    subject_ref: string;
    period: string | null;
    received_at: Date;
  },
): SubjectRecord {
  return {
    id: row.id.toString(),
    category: row.category as RecordCategory,
    version: row.version,
    subjectRef: row.subject_ref,
    period: row.period,
    content: contentOf(ctx, row),
    receivedAt: row.received_at,
  };
}

/**
 * The current records of the given subjects, for the platform's own computations (profiles,
 * scores); an enterprise's include its staff's social-security and housing-fund records
 * unless `withStaff` is false. Not a read on anyone's behalf: whoever shows what is derived from them authorises
 * and audits that read.
 */
export async function currentRecordsOf(
  ctx: AppContext,
  db: Db | Tx,
  subjectKind: 'enterprise' | 'person',
  subjectRefs: readonly string[],
  options: { readonly withStaff?: boolean; readonly categories?: readonly RecordCategory[] } = {},
): Promise<Map<string, SubjectRecord[]>> {
  const bySubject = new Map<string, SubjectRecord[]>(subjectRefs.map((ref) => [ref, []]));
  if (subjectRefs.length === 0) return bySubject;
  const rows = await repo.currentRecordsOfSubjects(
    db,
    subjectKind,
    subjectRefs,
    options.withStaff ?? true,
    options.categories,
  );
  for (const row of rows) {
    const ref =
      subjectKind === 'enterprise' && row.employer_ref && !bySubject.has(row.subject_ref)
        ? row.employer_ref
        : row.subject_ref;
    bySubject.get(ref)?.push(subjectRecord(ctx, row));
  }
  return bySubject;
}

/**
 * What a verification reads of the platform's data, in one round trip: one subject's own
 * current records in `categories` (as {@link currentRecordsOf} gives them) and the open
 * outages of those categories' sources. Not a read on anyone's behalf (see above).
 */
export async function currentRecordsAndOutagesOf(
  ctx: AppContext,
  db: Db | Tx,
  subject: { kind: 'enterprise' | 'person'; ref: string },
  categories: readonly RecordCategory[],
): Promise<{ records: SubjectRecord[]; outages: Map<string, OpenOutage> }> {
  const { records, outages } = await repo.currentRecordsAndOpenOutages(db, subject, categories);
  return {
    records: records.map((row) => subjectRecord(ctx, row)),
    outages: openOutagesByCategory(outages, ctx.now()),
  };
}

/** One page of the subjects that have records, in key order (for rescoring everyone). */
export const subjectsWithRecords = (
  db: Db | Tx,
  subjectKind: 'enterprise' | 'person',
  after: string | null,
  limit: number,
) => repo.subjectsWithRecords(db, subjectKind, after, limit);

export const countSubjectsWithRecords = (db: Db | Tx, subjectKind: 'enterprise' | 'person') =>
  repo.countSubjectsWithRecords(db, subjectKind);
