import type { Db, Tx } from '../platform/db.js';
import {
  planChunk,
  versionsAfter,
  type CurrentVersion,
  type IncomingRecord,
  type Outcome,
} from './plan.js';

/** Chunks read and normalised ahead of the one being written. */
export const WRITE_AHEAD = 3;

export interface ChunkPipelineOptions<C, R> {
  /** The chunk's accepted records, to plan their versions. */
  readonly recordsOf: (chunk: C) => readonly IncomingRecord[];
  /** The stored versions of the chunk's keys. */
  readonly readStored: (db: Db | Tx, chunk: C) => Promise<Map<string, CurrentVersion>>;
  readonly write: (tx: Tx, chunk: C, outcomes: readonly Outcome[]) => Promise<R>;
  readonly inTransaction: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;
  /**
   * Where to read a queued chunk's stored versions at once, beside the write in progress;
   * null reads them in the chunk's own transaction (a delivery written in one transaction).
   */
  readonly readAheadOn: Db | null;
  readonly onCommitted: (result: R) => void;
}

/**
 * Writes a delivery's chunks, one transaction each, in delivery order, while the next ones
 * are read and normalised: up to {@link WRITE_AHEAD} wait. A chunk's checkpoint therefore
 * only moves past committed lines.
 *
 * With `readAheadOn`, a chunk's stored versions are read as it is queued, on a connection of
 * its own, so that read is off the path of the writes (the writes of one delivery are
 * serial; reads beside them use the other core). Such a read may not see the chunks written
 * after it was sent: their planned versions are laid over its answer, so a key written by an
 * earlier chunk of the delivery is taken from that chunk's plan. A writer outside the
 * delivery racing on the same keys collides in the version index, as it would have with the
 * read inside the transaction.
 */
export class ChunkPipeline<C, R> {
  private tail: Promise<void> = Promise.resolve();
  /** Queued chunks not yet committed, oldest first, with the first chunk their read may miss. */
  private readonly pending: { done: Promise<void>; unseenFrom: number }[] = [];
  private queued = 0;
  private committed = 0;
  /** The versions each chunk planned, by its number, while a queued chunk's read may miss them. */
  private readonly plans = new Map<number, Map<string, CurrentVersion>>();

  constructor(private readonly options: ChunkPipelineOptions<C, R>) {}

  /** Queues a chunk; waits while {@link WRITE_AHEAD} are queued. A write's failure throws here. */
  async add(chunk: C): Promise<void> {
    while (this.pending.length >= WRITE_AHEAD) await this.pending[0]?.done;
    const number = ++this.queued;
    const unseenFrom = this.committed + 1;
    const { readAheadOn } = this.options;
    const stored = readAheadOn ? this.options.readStored(readAheadOn, chunk) : null;
    // Observed when the chunk's turn comes; a failure is not left unhandled meanwhile.
    stored?.catch(() => undefined);
    const done = this.tail.then(() => this.write(number, unseenFrom, chunk, stored));
    this.tail = done;
    this.pending.push({ done, unseenFrom });
    done.catch(() => undefined);
  }

  /** Waits for every queued chunk to commit; the first failure throws. */
  async finish(): Promise<void> {
    await this.tail;
  }

  private async write(
    number: number,
    unseenFrom: number,
    chunk: C,
    stored: Promise<Map<string, CurrentVersion>> | null,
  ) {
    const { options } = this;
    const readAhead = stored ? await stored : null;
    const result = await options.inTransaction(async (tx) => {
      const current = readAhead ?? (await options.readStored(tx, chunk));
      const records = options.recordsOf(chunk);
      this.layPlansOver(current, records, unseenFrom, number);
      const outcomes = planChunk(records, current);
      this.plans.set(number, versionsAfter(records, outcomes));
      return options.write(tx, chunk, outcomes);
    });
    this.committed = number;
    this.pending.shift();
    const oldestNeeded = this.pending[0]?.unseenFrom ?? number + 1;
    for (const planned of this.plans.keys()) if (planned < oldestNeeded) this.plans.delete(planned);
    options.onCommitted(result);
  }

  private layPlansOver(
    current: Map<string, CurrentVersion>,
    records: readonly IncomingRecord[],
    from: number,
    before: number,
  ) {
    for (let number = from; number < before; number += 1) {
      const planned = this.plans.get(number);
      if (!planned || planned.size === 0) continue;
      for (const record of records) {
        const version = planned.get(record.naturalKeyIndex);
        if (version) current.set(record.naturalKeyIndex, version);
      }
    }
  }
}
