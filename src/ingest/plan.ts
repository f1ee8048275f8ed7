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
  readonly id: bigint | null;
  readonly version: number;
  readonly contentHash: string;
}

export type Outcome =
  | { readonly kind: 'new'; readonly version: 1 }
  | { readonly kind: 'new_version'; readonly version: number; readonly supersedes: bigint | null }
  | { readonly kind: 'unchanged' };

export function planChunk<T extends IncomingRecord>(
  records: readonly T[],
  current: ReadonlyMap<string, CurrentVersion>,
): Outcome[] {
  const latest = new Map(current);
  return records.map((record) => {
    const previous = latest.get(record.naturalKeyIndex);
    if (previous && previous.contentHash === record.contentHash) return { kind: 'unchanged' };
    const version = (previous?.version ?? 0) + 1;
    // Within the chunk the superseded row may not exist yet: its id is null and the writer
    // supersedes by key and version instead.
    latest.set(record.naturalKeyIndex, { id: null, version, contentHash: record.contentHash });
    if (!previous) return { kind: 'new', version: 1 };
    return { kind: 'new_version', version, supersedes: previous.id };
  });
}
