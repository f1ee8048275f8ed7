import type { Db, Tx } from '../platform/db.js';
import * as repo from './ingest.repository.js';

/** Where a stored record sits, for other domains' workflows (no content, no authorisation). */
export interface RecordPlace {
  readonly id: string;
  readonly organisationId: string;
  readonly category: string;
  readonly subjectKind: 'enterprise' | 'person';
  readonly subjectRef: string;
  readonly version: number;
  readonly current: boolean;
  readonly naturalKeyIndex: string;
}

export async function recordPlace(db: Db | Tx, id: bigint): Promise<RecordPlace | null> {
  const row = await repo.findRecord(db, id);
  if (!row) return null;
  return {
    id: row.id.toString(),
    organisationId: row.organisation_id,
    category: row.category,
    subjectKind: row.subject_kind,
    subjectRef: row.subject_ref,
    version: row.version,
    current: row.superseded_at === null,
    naturalKeyIndex: row.natural_key_index,
  };
}

/** Whether `laterId` is a newer version of the same record as `earlierId` (a correction). */
export async function isLaterVersionOf(
  db: Db | Tx,
  laterId: bigint,
  earlierId: bigint,
): Promise<boolean> {
  const [later, earlier] = await Promise.all([
    recordPlace(db, laterId),
    recordPlace(db, earlierId),
  ]);
  return (
    later !== null &&
    earlier !== null &&
    later.organisationId === earlier.organisationId &&
    later.category === earlier.category &&
    later.naturalKeyIndex === earlier.naturalKeyIndex &&
    later.version > earlier.version
  );
}
