/**
 * Deciding what a chunk of valid records does to the store, without the store: each record
 * is new (version 1), a new version of the current one (content changed), or unchanged.
 * Records are taken in delivery order, so a key delivered twice in one chunk behaves as if
 * delivered in two batches.
 */
export interface IncomingRecord {
  readonly naturalKeyIndex: string;
  readonly contentHash: string;
}

export interface CurrentVersion {
  /**
   * The stored row's id; null when an earlier chunk of the same delivery planned this version
   * and the read did not see it (the writer then finds the row by key and version).
   */
  readonly id: bigint | null;
  readonly version: number;
  readonly contentHash: string;
}

/** The version a new one supersedes, when it was stored before this chunk. */
export interface StoredPredecessor {
  readonly id: bigint | null;
  readonly version: number;
}

export type Outcome =
  | { readonly kind: 'new'; readonly version: 1 }
  | {
      readonly kind: 'new_version';
      readonly version: number;
      /** Null when the version superseded is earlier in the same chunk: it is born superseded. */
      readonly supersedes: StoredPredecessor | null;
    }
  | { readonly kind: 'unchanged' };

export function planChunk<T extends IncomingRecord>(
  records: readonly T[],
  current: ReadonlyMap<string, CurrentVersion>,
): Outcome[] {
  const latest = new Map<string, CurrentVersion & { stored: boolean }>();
  for (const [key, version] of current) latest.set(key, { ...version, stored: true });
  return records.map((record) => {
    const previous = latest.get(record.naturalKeyIndex);
    if (previous && previous.contentHash === record.contentHash) return { kind: 'unchanged' };
    const version = (previous?.version ?? 0) + 1;
    latest.set(record.naturalKeyIndex, {
      id: null,
      version,
      contentHash: record.contentHash,
      stored: false,
    });
    if (!previous) return { kind: 'new', version: 1 };
    const supersedes = previous.stored ? { id: previous.id, version: previous.version } : null;
    return { kind: 'new_version', version, supersedes };
  });
}

/** Each key's latest version after a chunk's outcomes, for the chunks planned after it. */
export function versionsAfter<T extends IncomingRecord>(
  records: readonly T[],
  outcomes: readonly Outcome[],
): Map<string, CurrentVersion> {
  const latest = new Map<string, CurrentVersion>();
  outcomes.forEach((outcome, index) => {
    const record = records[index];
    if (outcome.kind === 'unchanged' || !record) return;
    latest.set(record.naturalKeyIndex, {
      id: null,
      version: outcome.version,
      contentHash: record.contentHash,
    });
  });
  return latest;
}
