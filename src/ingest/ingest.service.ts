import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import { recordAudit } from '../ledger/ledger.service.js';
import { enqueueEvents, type OutboxEvent } from '../notify/outbox.service.js';
import type { Principal } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import type { Db, Tx } from '../platform/db.js';
import { DomainError, notFound } from '../platform/errors.js';
import { personIndex } from '../registry/registry.service.js';
import type { RecordCategory } from './categories.js';
import {
  canonicalJson,
  parseReason,
  toBatchReport,
  type BatchReport,
  type DeliveredItem,
} from './ingest.js';
import * as repo from './ingest.repository.js';
import type {
  BatchSource,
  QuarantinedRecordsTable,
  RecordReason,
  RecordsTable,
} from './ingest.table.js';
import { applyMapping, canonicalMapping, type ProviderMapping } from './mapping.js';
import { normaliseRecord } from './normalise.js';
import { FileError } from './parsers/index.js';
import { planChunk, type CurrentVersion } from './plan.js';
import { contentHash, naturalKeyOf } from './record-identity.js';
import { schemaOf, type CategorySchema } from './schemas.js';

export const RECORD_CHANGED = 'record.changed';
const QUARANTINE_RAW = 'quarantined_records.raw';
const RECORD_CONTENT = 'records.content';
const DEFAULT_CHUNK = 2000;

export interface Delivery {
  readonly actor: Principal | 'system';
  readonly organisationId: string;
  readonly category: RecordCategory;
  readonly source: BatchSource;
  /** A file delivery; with its SHA-256 an interrupted run of the same file resumes. */
  readonly file?: { readonly name: string; readonly sha256: string | null } | undefined;
}

export interface IngestOptions {
  /** Records per transaction for files; an API batch is always one transaction. */
  readonly chunkSize?: number;
  /** One transaction for the whole delivery (API batches): all of it lands, or none. */
  readonly atomic?: boolean;
  readonly onProgress?: (report: BatchReport) => void;
  /** With `atomic`: more work to commit in the same transaction as the delivery. */
  readonly alsoInTransaction?: (tx: Tx, report: BatchReport) => Promise<void>;
}

async function mappingFor(
  db: Db | Tx,
  schema: CategorySchema,
  organisationId: string,
): Promise<ProviderMapping> {
  const row = await repo.latestMapping(db, organisationId, schema.category);
  if (!row) return canonicalMapping(schema);
  return { fields: row.fields, moneyUnit: row.money_unit, valueMaps: row.value_maps };
}

interface Accepted {
  readonly line: number;
  /** Optional fields this record filled (for completeness). */
  readonly optionalFilled: number;
  readonly naturalKeyIndex: string;
  readonly contentHash: string;
  readonly subject: { readonly kind: 'enterprise' | 'person'; readonly ref: string };
  readonly period: string | null;
  readonly content: string;
}

interface Refused {
  readonly line: number;
  readonly raw: string;
  readonly reasons: RecordReason[];
}

const optionalFieldCache = new Map<string, string[]>();
function optionalFields(schema: CategorySchema): string[] {
  let names = optionalFieldCache.get(schema.category);
  if (!names) {
    names = schema.fields.filter((field) => !field.required).map((field) => field.name);
    optionalFieldCache.set(schema.category, names);
  }
  return names;
}

/** Validates and normalises one chunk; pure apart from the keyed hashes. */
function sortChunk(
  ctx: AppContext,
  schema: CategorySchema,
  mapping: ProviderMapping,
  items: readonly DeliveredItem[],
): { accepted: Accepted[]; refused: Refused[] } {
  const accepted: Accepted[] = [];
  const refused: Refused[] = [];
  const today = ctx.now();
  for (const item of items) {
    if (item.kind === 'bad_row') {
      refused.push({ line: item.line, raw: item.raw, reasons: [parseReason(item)] });
      continue;
    }
    const result = normaliseRecord(schema, applyMapping(mapping, item.fields), mapping, today);
    if (!result.ok) {
      refused.push({
        line: item.line,
        raw: canonicalJson(item.fields),
        reasons: result.problems.map((p) => ({
          field: p.field,
          code: p.code,
          ...(p.params ? { params: p.params } : {}),
        })),
      });
      continue;
    }
    const record = result.record;
    const periodValue = schema.periodField ? record[schema.periodField] : null;
    accepted.push({
      line: item.line,
      optionalFilled: optionalFields(schema).filter(
        (name) => record[name] !== null && record[name] !== undefined,
      ).length,
      naturalKeyIndex: ctx.crypto.blindIndex(
        naturalKeyOf(schema, record),
        `records.${schema.category}.key`,
      ),
      contentHash: ctx.crypto.blindIndex(contentHash(record), RECORD_CONTENT),
      subject: {
        kind: result.subject.kind,
        ref:
          result.subject.kind === 'person'
            ? personIndex(ctx, result.subject.id)
            : result.subject.id,
      },
      period: typeof periodValue === 'string' ? periodValue : null,
      content: canonicalJson(record),
    });
  }
  return { accepted, refused };
}

async function writeChunk(
  ctx: AppContext,
  tx: Tx,
  batch: { id: string; organisation_id: string; category: string; schema_version: number },
  chunk: {
    accepted: Accepted[];
    refused: Refused[];
    read: number;
    lastLine: number;
    optionalCount: number;
  },
) {
  const now = ctx.now();
  const current = await repo.currentVersions(
    tx,
    batch.organisation_id,
    batch.category,
    chunk.accepted.map((a) => a.naturalKeyIndex),
  );
  const currentByKey = new Map<string, CurrentVersion>(
    current.map((row) => [
      row.natural_key_index,
      { id: row.id, version: row.version, contentHash: row.content_hash },
    ]),
  );
  const outcomes = planChunk(chunk.accepted, currentByKey);
  const supersededRows: bigint[] = [];
  const lastInsertOfKey = new Map<string, number>();
  outcomes.forEach((outcome, index) => {
    if (outcome.kind === 'unchanged') return;
    if (outcome.kind === 'new_version' && outcome.supersedes !== null)
      supersededRows.push(outcome.supersedes);
    lastInsertOfKey.set(chunk.accepted[index]?.naturalKeyIndex ?? '', index);
  });
  // The current row must be superseded before its successor is written: one current per key.
  await repo.supersede(tx, supersededRows, now);
  const rows: Insertable<RecordsTable>[] = [];
  outcomes.forEach((outcome, index) => {
    const record = chunk.accepted[index];
    if (outcome.kind === 'unchanged' || !record) return;
    const isPerson = record.subject.kind === 'person';
    rows.push({
      organisation_id: batch.organisation_id,
      category: batch.category,
      schema_version: batch.schema_version,
      natural_key_index: record.naturalKeyIndex,
      version: outcome.version,
      subject_kind: record.subject.kind,
      subject_ref: record.subject.ref,
      period: record.period,
      content: isPerson ? null : record.content,
      content_encrypted: isPerson ? ctx.crypto.encrypt(record.content, RECORD_CONTENT) : null,
      content_hash: record.contentHash,
      batch_id: batch.id,
      line: record.line,
      received_at: now,
      // A version followed by a newer one in the same chunk is born superseded.
      superseded_at: lastInsertOfKey.get(record.naturalKeyIndex) === index ? null : now,
    });
  });
  const inserted = await repo.insertRecords(tx, rows);
  const events: OutboxEvent[] = inserted.map((row) => ({
    topic: RECORD_CHANGED,
    payload: {
      recordId: row.id.toString(),
      organisationId: batch.organisation_id,
      category: batch.category,
      subjectKind: row.subject_kind,
      subjectRef: row.subject_ref,
      version: row.version,
    },
  }));
  await enqueueEvents(tx, events);
  const quarantined: Insertable<QuarantinedRecordsTable>[] = chunk.refused.map((r) => ({
    batch_id: batch.id,
    organisation_id: batch.organisation_id,
    category: batch.category,
    line: r.line,
    raw_encrypted: ctx.crypto.encrypt(r.raw, QUARANTINE_RAW),
    reasons: JSON.stringify(r.reasons),
    resolved_by_batch: null,
  }));
  await repo.insertQuarantined(tx, quarantined);
  await repo.addBatchProgress(tx, batch.id, {
    read: chunk.read,
    accepted: rows.length,
    newVersions: outcomes.filter((o) => o.kind === 'new_version').length,
    unchanged: outcomes.filter((o) => o.kind === 'unchanged').length,
    quarantined: chunk.refused.length,
    checkpointLine: chunk.lastLine,
    optionalFilled: chunk.accepted.reduce((sum, a) => sum + a.optionalFilled, 0),
    optionalPossible: chunk.accepted.length * chunk.optionalCount,
  });
  return inserted;
}

async function openBatch(ctx: AppContext, db: Db | Tx, delivery: Delivery, schema: CategorySchema) {
  if (delivery.file?.sha256) {
    const running = await repo.findRunningFileBatch(
      db,
      delivery.organisationId,
      delivery.category,
      delivery.file.sha256,
    );
    if (running) return running;
  }
  return repo.insertBatch(db, {
    id: randomUUID(),
    organisation_id: delivery.organisationId,
    category: delivery.category,
    schema_version: schema.version,
    source: delivery.source,
    file_name: delivery.file?.name ?? null,
    file_sha256: delivery.file?.sha256 ?? null,
    status: 'running',
    failure_code: null,
    failure_detail: null,
    created_at: ctx.now(),
    completed_at: null,
  });
}

export async function batchReport(db: Db | Tx, batchId: string): Promise<BatchReport> {
  const row = await repo.findBatch(db, batchId);
  if (!row) throw notFound('batch');
  return toBatchReport(row, await repo.quarantineReasonCounts(db, batchId));
}

/**
 * Takes one delivery in: every item is validated, normalised, de-duplicated against the
 * provider's current versions and stored with its lineage, or quarantined with all its
 * reasons. Files commit in chunks, each with the line reached, and a rerun of the same file
 * resumes after that line; API batches commit whole (`atomic`). A file the reader cannot
 * read to the end fails the batch; what was committed before stays, and the batch says
 * where it stopped.
 */
export async function ingestDelivery(
  ctx: AppContext,
  delivery: Delivery,
  items: AsyncIterable<DeliveredItem> | Iterable<DeliveredItem>,
  options: IngestOptions = {},
): Promise<BatchReport> {
  const schema = schemaOf(delivery.category);
  if (!(await repo.providerMayPush(ctx.db, delivery.organisationId, delivery.category))) {
    throw new DomainError('CATEGORY_NOT_GRANTED', { category: delivery.category });
  }
  const mapping = await mappingFor(ctx.db, schema, delivery.organisationId);
  if (options.atomic) {
    return ctx.db.transaction().execute(async (tx) => {
      const report = await runDelivery(
        ctx,
        delivery,
        schema,
        mapping,
        items,
        options,
        (work) => work(tx),
        tx,
      );
      if (options.alsoInTransaction) await options.alsoInTransaction(tx, report);
      return report;
    });
  }
  return runDelivery(
    ctx,
    delivery,
    schema,
    mapping,
    items,
    options,
    (work) => ctx.db.transaction().execute(work),
    ctx.db,
  );
}

async function runDelivery(
  ctx: AppContext,
  delivery: Delivery,
  schema: CategorySchema,
  mapping: ProviderMapping,
  items: AsyncIterable<DeliveredItem> | Iterable<DeliveredItem>,
  options: IngestOptions,
  inTransaction: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>,
  db: Db | Tx,
): Promise<BatchReport> {
  const batch = await openBatch(ctx, db, delivery, schema);
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
  let pending: DeliveredItem[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const chunk = pending;
    pending = [];
    const sorted = sortChunk(ctx, schema, mapping, chunk);
    const lastLine = chunk.reduce((max, item) => Math.max(max, item.line), 0);
    const optionalCount = optionalFields(schema).length;
    await inTransaction((tx) =>
      writeChunk(ctx, tx, batch, { ...sorted, read: chunk.length, lastLine, optionalCount }),
    );
    if (options.onProgress) options.onProgress(await batchReport(db, batch.id));
  };
  try {
    for await (const item of items) {
      // Lines up to the checkpoint were committed by an earlier, interrupted run.
      if (item.line <= batch.checkpoint_line) continue;
      pending.push(item);
      if (pending.length >= chunkSize) await flush();
    }
    await flush();
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    await repo.finishBatch(db, batch.id, {
      status: 'failed',
      failureCode: error.code,
      failureDetail: `${error.message}${error.line ? ` (line ${error.line})` : ''}`.slice(0, 500),
      at: ctx.now(),
    });
    return batchReport(db, batch.id);
  }
  await repo.finishBatch(db, batch.id, { status: 'completed', at: ctx.now() });
  await recordAudit(db, {
    actor: delivery.actor,
    action: 'ingest.batch_completed',
    subject: { kind: 'batch', id: batch.id },
    detail: {
      category: delivery.category,
      organisationId: delivery.organisationId,
      file: delivery.file?.name ?? null,
    },
  });
  return batchReport(db, batch.id);
}
