import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { recordAudit } from '../ledger/ledger.service.js';
import { enqueueEvents } from '../notify/outbox.service.js';
import type { Principal } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import type { Db, Tx } from '../platform/db.js';
import { DomainError, notFound } from '../platform/errors.js';
import { personIndex } from '../registry/registry.service.js';
import type { RecordCategory } from './categories.js';
import {
  canonicalJson,
  parseReason,
  recordsChanged,
  toBatchReport,
  type BatchReport,
  type DeliveredItem,
} from './ingest.js';
import * as repo from './ingest.repository.js';
import type { BatchSource, IngestBatchesTable, RecordReason } from './ingest.table.js';
import { applyMapping, canonicalMapping, type ProviderMapping } from './mapping.js';
import { normaliseRecord } from './normalise.js';
import { FileError } from './parsers/index.js';
import { ChunkPipeline } from './chunk-pipeline.js';
import type { CurrentVersion, Outcome } from './plan.js';
import {
  canonicalRecordJson,
  contentHash,
  naturalKeyOf,
  sha256Hex,
  storedNaturalKey,
} from './record-identity.js';
import { schemaOf, type CategorySchema } from './schemas.js';

export const RECORD_CHANGED = 'record.changed';
const QUARANTINE_RAW = 'quarantined_records.raw';
const RECORD_CONTENT = 'records.content';
const DEFAULT_CHUNK = 2000;
/** Records normalised between two turns of the event loop while a chunk is written. */
const YIELD_EVERY = 10;
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

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
  /** The USCC of the subject's employer, for categories that name one. */
  readonly employer: string | null;
  readonly period: string | null;
  readonly content: string;
}

interface Refused {
  readonly line: number;
  readonly raw: string;
  readonly reasons: RecordReason[];
}

/** The records of one transaction, validated and normalised as they were read. */
interface Chunk {
  readonly accepted: Accepted[];
  readonly refused: Refused[];
  read: number;
  lastLine: number;
  /** What "in the future" means for this chunk's records; read once per chunk. */
  readonly today: Date;
}

/** What one chunk added to its batch: the batch row's counters, and the refusals' codes. */
interface ChunkResult {
  readonly progress: repo.BatchProgress;
  readonly reasonCodes: readonly string[];
}

/**
 * Validates and normalises items one at a time, as they are read: pure apart from the keyed
 * hashes. Everything that does not change from record to record is worked out once.
 */
class Sorter {
  private readonly optional: readonly string[];
  private readonly keyContext: string;

  constructor(
    private readonly ctx: AppContext,
    private readonly schema: CategorySchema,
    private readonly mapping: ProviderMapping,
  ) {
    this.optional = schema.fields.filter((field) => !field.required).map((field) => field.name);
    this.keyContext = `records.${schema.category}.key`;
  }

  get optionalCount() {
    return this.optional.length;
  }

  newChunk(): Chunk {
    return { accepted: [], refused: [], read: 0, lastLine: 0, today: this.ctx.now() };
  }

  /** Adds one item to the chunk: an accepted record with its keys, or a refusal. */
  add(chunk: Chunk, item: DeliveredItem) {
    chunk.read += 1;
    if (item.line > chunk.lastLine) chunk.lastLine = item.line;
    if (item.kind === 'bad_row') {
      chunk.refused.push({ line: item.line, raw: item.raw, reasons: [parseReason(item)] });
      return;
    }
    const { ctx, schema, mapping } = this;
    const result = normaliseRecord(
      schema,
      applyMapping(mapping, item.fields),
      mapping,
      chunk.today,
    );
    if (!result.ok) {
      chunk.refused.push({
        line: item.line,
        raw: canonicalJson(item.fields),
        reasons: result.problems.map((p) => ({
          field: p.field,
          code: p.code,
          ...(p.params ? { params: p.params } : {}),
        })),
      });
      return;
    }
    const record = result.record;
    const periodValue = schema.periodField ? record[schema.periodField] : null;
    const employerValue = schema.employerField ? record[schema.employerField] : null;
    let optionalFilled = 0;
    for (const name of this.optional) {
      if (record[name] !== null && record[name] !== undefined) optionalFilled += 1;
    }
    // The canonical JSON is both what is stored and what the content hash is taken of.
    const content = canonicalRecordJson(record);
    const hash = sha256Hex(content);
    // `contentHash` is the definition: check the shortcut once per chunk, not per record.
    if (chunk.accepted.length === 0 && hash !== contentHash(record)) {
      throw new Error('the content hash is no longer the SHA-256 of the canonical record JSON');
    }
    chunk.accepted.push({
      line: item.line,
      optionalFilled,
      naturalKeyIndex: storedNaturalKey(result.subject.kind, naturalKeyOf(schema, record), (key) =>
        ctx.crypto.blindIndex(key, this.keyContext),
      ),
      contentHash: ctx.crypto.blindIndex(hash, RECORD_CONTENT),
      subject: {
        kind: result.subject.kind,
        ref:
          result.subject.kind === 'person'
            ? personIndex(ctx, result.subject.id)
            : result.subject.id,
      },
      employer: typeof employerValue === 'string' ? employerValue : null,
      period: typeof periodValue === 'string' ? periodValue : null,
      content,
    });
  }
}

/** The stored versions of a chunk's keys, as the store has them now. */
async function storedVersions(
  db: Db | Tx,
  batch: { organisation_id: string; category: string },
  chunk: Chunk,
): Promise<Map<string, CurrentVersion>> {
  const rows = await repo.currentVersions(
    db,
    batch.organisation_id,
    batch.category,
    chunk.accepted.map((a) => a.naturalKeyIndex),
  );
  return new Map(
    rows.map((row) => [
      row.natural_key_index,
      { id: row.id, version: row.version, contentHash: row.content_hash },
    ]),
  );
}

async function writeChunk(
  ctx: AppContext,
  tx: Tx,
  batch: { id: string; organisation_id: string; category: string; schema_version: number },
  chunk: Chunk,
  outcomes: readonly Outcome[],
  optionalCount: number,
): Promise<ChunkResult> {
  const now = ctx.now();
  const supersededIds: bigint[] = [];
  const supersededVersions: { key: string; version: number }[] = [];
  const lastInsertOfKey = new Map<string, number>();
  let newVersions = 0;
  let unchanged = 0;
  outcomes.forEach((outcome, index) => {
    if (outcome.kind === 'unchanged') {
      unchanged += 1;
      return;
    }
    const key = chunk.accepted[index]?.naturalKeyIndex ?? '';
    if (outcome.kind === 'new_version') {
      newVersions += 1;
      const previous = outcome.supersedes;
      if (previous?.id != null) supersededIds.push(previous.id);
      else if (previous) supersededVersions.push({ key, version: previous.version });
    }
    lastInsertOfKey.set(key, index);
  });
  // The current row must be superseded before its successor is written: one current per key.
  await repo.supersede(
    tx,
    { organisationId: batch.organisation_id, category: batch.category },
    { ids: supersededIds, byVersion: supersededVersions },
    now,
  );
  const rows: repo.NewRecord[] = [];
  outcomes.forEach((outcome, index) => {
    const record = chunk.accepted[index];
    if (outcome.kind === 'unchanged' || !record) return;
    const isPerson = record.subject.kind === 'person';
    rows.push({
      naturalKeyIndex: record.naturalKeyIndex,
      version: outcome.version,
      subjectKind: record.subject.kind,
      subjectRef: record.subject.ref,
      employerRef: record.employer,
      period: record.period,
      content: isPerson ? null : record.content,
      contentEncrypted: isPerson ? ctx.crypto.encrypt(record.content, RECORD_CONTENT) : null,
      contentHash: record.contentHash,
      line: record.line,
      // A version followed by a newer one in the same chunk is born superseded.
      superseded: lastInsertOfKey.get(record.naturalKeyIndex) !== index,
    });
  });
  const stored = await repo.insertRecords(tx, batch, rows, now);
  if (stored !== rows.length) throw new Error(`stored ${stored} of ${rows.length} records`);
  if (rows.length > 0) {
    await enqueueEvents(tx, [{ topic: RECORD_CHANGED, payload: recordsChanged(batch, rows) }]);
  }
  await repo.insertQuarantined(
    tx,
    batch,
    chunk.refused.map((r) => ({
      line: r.line,
      rawEncrypted: ctx.crypto.encrypt(r.raw, QUARANTINE_RAW),
      reasons: JSON.stringify(r.reasons),
    })),
  );
  const progress: repo.BatchProgress = {
    read: chunk.read,
    accepted: rows.length,
    newVersions,
    unchanged,
    quarantined: chunk.refused.length,
    checkpointLine: chunk.lastLine,
    optionalFilled: chunk.accepted.reduce((sum, a) => sum + a.optionalFilled, 0),
    optionalPossible: chunk.accepted.length * optionalCount,
  };
  await repo.addBatchProgress(tx, batch.id, progress);
  return {
    progress,
    reasonCodes: chunk.refused.flatMap((r) => r.reasons.map((reason) => reason.code)),
  };
}

type BatchRow = Selectable<IngestBatchesTable>;

/**
 * The batch report kept up to date in memory as chunks commit, for progress callbacks:
 * the same figures `batchReport` would read back, without two queries per chunk.
 */
class Tally {
  private constructor(
    private row: BatchRow,
    private readonly reasons: Map<string, number>,
  ) {}

  static async of(db: Db | Tx, row: BatchRow): Promise<Tally> {
    // A resumed batch has quarantined records already; a new one has none.
    const counts = row.read_count === 0 ? {} : await repo.quarantineReasonCounts(db, row.id);
    return new Tally(row, new Map(Object.entries(counts)));
  }

  add({ progress, reasonCodes }: ChunkResult) {
    const row = this.row;
    this.row = {
      ...row,
      read_count: row.read_count + progress.read,
      accepted: row.accepted + progress.accepted,
      new_versions: row.new_versions + progress.newVersions,
      unchanged: row.unchanged + progress.unchanged,
      quarantined: row.quarantined + progress.quarantined,
      checkpoint_line: progress.checkpointLine,
      optional_filled: row.optional_filled + BigInt(progress.optionalFilled),
      optional_possible: row.optional_possible + BigInt(progress.optionalPossible),
    };
    for (const code of reasonCodes) this.reasons.set(code, (this.reasons.get(code) ?? 0) + 1);
  }

  report(): BatchReport {
    // Ordered by code, as `quarantineReasonCounts` orders them.
    const codes = [...this.reasons.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return toBatchReport(
      this.row,
      Object.fromEntries(codes.map((code) => [code, this.reasons.get(code) ?? 0])),
    );
  }
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
        // All of it in the caller's transaction, where the chunk's own reads see the others.
        { db: tx, inTransaction: (work) => work(tx), readAheadOn: null },
      );
      if (options.alsoInTransaction) await options.alsoInTransaction(tx, report);
      return report;
    });
  }
  return runDelivery(ctx, delivery, schema, mapping, items, options, {
    db: ctx.db,
    inTransaction: (work) =>
      ctx.db.transaction().execute(async (tx) => {
        await repo.commitWithoutWaitingForFlush(tx);
        return work(tx);
      }),
    readAheadOn: ctx.db,
  });
}

/** Where a delivery is written: its batch row, its chunks' transactions, their read-ahead. */
interface DeliveryStore {
  readonly db: Db | Tx;
  readonly inTransaction: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;
  readonly readAheadOn: Db | null;
}

async function runDelivery(
  ctx: AppContext,
  delivery: Delivery,
  schema: CategorySchema,
  mapping: ProviderMapping,
  items: AsyncIterable<DeliveredItem> | Iterable<DeliveredItem>,
  options: IngestOptions,
  store: DeliveryStore,
): Promise<BatchReport> {
  const { db, inTransaction, readAheadOn } = store;
  const batch = await openBatch(ctx, db, delivery, schema);
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
  const sorter = new Sorter(ctx, schema, mapping);
  const tally = options.onProgress ? await Tally.of(db, batch) : null;
  let chunk = sorter.newChunk();
  const pipeline = new ChunkPipeline<Chunk, ChunkResult>({
    recordsOf: (queued) => queued.accepted,
    readStored: (reader, queued) => storedVersions(reader, batch, queued),
    write: (tx, queued, outcomes) =>
      writeChunk(ctx, tx, batch, queued, outcomes, sorter.optionalCount),
    inTransaction,
    readAheadOn,
    onCommitted: (result) => {
      if (!tally || !options.onProgress) return;
      tally.add(result);
      options.onProgress(tally.report());
    },
  });
  const flush = async () => {
    if (chunk.read === 0) return;
    const ready = chunk;
    chunk = sorter.newChunk();
    await pipeline.add(ready);
  };
  let fileError: FileError | null = null;
  try {
    for await (const item of items) {
      // Lines up to the checkpoint were committed by an earlier, interrupted run.
      if (item.line <= batch.checkpoint_line) continue;
      sorter.add(chunk, item);
      if (chunk.read >= chunkSize) await flush();
      // Reading from a buffer never waits for I/O: let the chunk being written get its
      // answers from the database now and then, or its round trips wait for this loop.
      else if (chunk.read % YIELD_EVERY === 0) await yieldToIo();
    }
    await flush();
  } catch (error) {
    // A chunk that failed to commit went wrong before anything read after it: its error wins.
    await pipeline.finish();
    if (!(error instanceof FileError)) throw error;
    fileError = error;
  }
  // What was read before the file failed is committed, as it was before reading on.
  await pipeline.finish();
  if (fileError) {
    await repo.finishBatch(db, batch.id, {
      status: 'failed',
      failureCode: fileError.code,
      failureDetail:
        `${fileError.message}${fileError.line ? ` (line ${fileError.line})` : ''}`.slice(0, 500),
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
