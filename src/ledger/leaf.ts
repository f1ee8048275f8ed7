import { createHash } from 'node:crypto';

/**
 * The ledger's leaf: the canonical bytes of one audit event, holding no personal data in
 * clear. It names the event (id, type, time), the actor (kind, id, role, organisation — ids
 * of accounts, not of people), the subject's kind and, when it is an opaque id (UUID or
 * number), its id; everything else — the detail, the request id and the subject id itself —
 * is only committed to, by a salted hash:
 *
 *   content = hex SHA-256(salt || canonical JSON { detail, requestId, subject })
 *
 * The 16-byte salt stays in the database (and in the receipt of whoever may read the event)
 * so that a hash of low-entropy content cannot be reversed by guessing.
 *
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, `undefined`
 * members dropped, strings and numbers as JSON.stringify writes them.
 */

export const LEAF_VERSION = 1;

export interface AuditLeafSource {
  readonly id: string;
  /** UTC time with microseconds, `YYYY-MM-DDTHH:MM:SS.ffffffZ`. */
  readonly at: string;
  readonly actorKind: string;
  readonly actorId: string | null;
  readonly actorRole: string | null;
  readonly actorOrganisationId: string | null;
  readonly action: string;
  readonly subjectKind: string | null;
  readonly subjectId: string | null;
  readonly detail: unknown;
  readonly requestId: string | null;
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
    if (typeof value === 'bigint') return value.toString();
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

const OPAQUE_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{1,19})$/;

/** The content an event's leaf commits to (what the receipt shows its reader). */
export function leafContent(source: AuditLeafSource): string {
  return canonicalJson({
    detail: source.detail ?? {},
    requestId: source.requestId,
    subject: source.subjectKind ? { kind: source.subjectKind, id: source.subjectId } : null,
  });
}

export const contentHash = (salt: Uint8Array, content: string) =>
  createHash('sha256').update(salt).update(content, 'utf8').digest('hex');

/** The leaf bytes of an audit event. */
export function auditLeaf(source: AuditLeafSource, salt: Uint8Array): Buffer {
  const subjectId =
    source.subjectId !== null && OPAQUE_ID.test(source.subjectId) ? source.subjectId : undefined;
  return Buffer.from(
    canonicalJson({
      v: LEAF_VERSION,
      event: source.id,
      type: source.action,
      at: source.at,
      actor: {
        kind: source.actorKind,
        id: source.actorId ?? undefined,
        role: source.actorRole ?? undefined,
        organisation: source.actorOrganisationId ?? undefined,
      },
      subject: source.subjectKind ? { kind: source.subjectKind, id: subjectId } : undefined,
      content: contentHash(salt, leafContent(source)),
    }),
    'utf8',
  );
}

/** The public fields of a leaf, for display. */
export interface LeafFields {
  readonly v: number;
  readonly event: string;
  readonly type: string;
  readonly at: string;
  readonly actor: { kind: string; id?: string; role?: string; organisation?: string };
  readonly subject?: { kind: string; id?: string };
  readonly content: string;
}

export function parseLeaf(entry: Uint8Array): LeafFields {
  return JSON.parse(Buffer.from(entry).toString('utf8')) as LeafFields;
}
