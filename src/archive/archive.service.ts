import { createHash, randomUUID } from 'node:crypto';
import { recordAudit } from '../ledger/ledger.service.js';
import { requireUser, type UserPrincipal } from '../platform/auth/guards.js';
import type { Principal, Role } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import type { Db, Tx } from '../platform/db.js';
import { DomainError, invalidField, notFound, type FieldProblem } from '../platform/errors.js';
import * as repo from './archive.repository.js';
import { DOCUMENT_KINDS, retainUntil, type DocumentKind } from './retention.js';

export { DOCUMENT_KINDS, RETENTION_YEARS, type DocumentKind } from './retention.js';

/** The largest document the archive takes (scans of contracts and statements fit easily). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export interface NewDocument {
  readonly content: Buffer;
  readonly mediaType: string;
  readonly fileName: string;
  readonly kind: DocumentKind;
  readonly ownerUserId: string | null;
  readonly subject?: { kind: 'enterprise' | 'person'; id: string } | undefined;
  readonly applicationId?: string | undefined;
}

export interface StoredDocument {
  id: string;
  sha256: string;
  sizeBytes: number;
  mediaType: string;
  fileName: string;
  kind: DocumentKind;
  /** `YYYY-MM-DD`, China's calendar: kept at least until this day. */
  retainUntil: string;
  createdAt: Date;
  applicationId: string | null;
}

/** The hex SHA-256 of a document's bytes: its address in the archive. */
export const sha256Hex = (content: Buffer): string =>
  createHash('sha256').update(content).digest('hex');

// Bound into the encryption, so a blob's ciphertext does not decrypt under another hash.
const contentContext = (sha256: string) => `archive_blobs.content:${sha256}`;

const TOKEN = "[a-z0-9!#$&^_.+'-]+";
const MEDIA_TYPE = new RegExp(
  `^${TOKEN}/${TOKEN}(?:\\s*;\\s*${TOKEN}=(?:${TOKEN}|"[^"\\\\\\r\\n]*"))*$`,
  'i',
);
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every problem of a new document; sizes over the limit are a separate error. */
export function documentProblems(doc: NewDocument): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (doc.content.length === 0) problems.push({ path: 'file', code: 'empty_file' });
  if (doc.mediaType.length > 255 || !MEDIA_TYPE.test(doc.mediaType)) {
    problems.push({ path: 'file', code: 'bad_media_type' });
  }
  const nameLength = Array.from(doc.fileName).length;
  const badName = CONTROL.test(doc.fileName) || /[/\\]/.test(doc.fileName);
  if (nameLength < 1 || nameLength > 255 || badName) {
    problems.push({ path: 'file', code: 'invalid' });
  }
  if (!(DOCUMENT_KINDS as readonly string[]).includes(doc.kind)) {
    problems.push({
      path: 'kind',
      code: 'enum',
      params: { allowed: DOCUMENT_KINDS.join(', ') },
    });
  }
  if (doc.applicationId !== undefined && !UUID.test(doc.applicationId)) {
    problems.push({ path: 'applicationId', code: 'format', params: { format: 'uuid' } });
  }
  return problems;
}

const toStored = (row: repo.DocumentRow): StoredDocument => ({
  id: row.id,
  sha256: row.sha256,
  sizeBytes: Number(row.size_bytes),
  mediaType: row.media_type,
  fileName: row.file_name,
  kind: row.kind,
  retainUntil: row.retain_until,
  createdAt: row.created_at,
  applicationId: row.application_id,
});

/**
 * Archives a document in the caller's transaction (so a contract and its document commit
 * together). The content is stored once per SHA-256, encrypted; every call adds its own
 * document row with a retention date by kind. The caller audits its own action.
 */
export async function storeDocument(
  ctx: AppContext,
  tx: Tx,
  doc: NewDocument,
): Promise<StoredDocument> {
  if (doc.content.length > MAX_DOCUMENT_BYTES) {
    throw new DomainError('DOCUMENT_TOO_LARGE', { limitMb: MAX_DOCUMENT_BYTES / 1024 ** 2 });
  }
  const problems = documentProblems(doc);
  if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', {}, problems);
  const sha256 = sha256Hex(doc.content);
  const createdAt = ctx.now();
  if (!(await repo.blobExists(tx, sha256))) {
    await repo.insertBlob(tx, {
      sha256,
      size_bytes: BigInt(doc.content.length),
      content: ctx.crypto.encryptBytes(doc.content, contentContext(sha256)),
      created_at: createdAt,
    });
  }
  const row = {
    id: randomUUID(),
    sha256,
    media_type: doc.mediaType,
    file_name: doc.fileName,
    kind: doc.kind,
    owner_user_id: doc.ownerUserId,
    subject_kind: doc.subject?.kind ?? null,
    subject_id: doc.subject?.id ?? null,
    application_id: doc.applicationId ?? null,
    created_at: createdAt,
    retain_until: retainUntil(doc.kind, createdAt),
  };
  await repo.insertDocument(tx, row);
  return toStored({ ...row, size_bytes: BigInt(doc.content.length) });
}

/** An application's documents, oldest first, for the domain that owns the application. */
export async function documentsOfApplication(
  tx: Tx | Db,
  applicationId: string,
): Promise<StoredDocument[]> {
  return (await repo.documentsOfApplication(tx, applicationId)).map(toStored);
}

/**
 * Keeps an application's documents at least until `until` (`YYYY-MM-DD`), e.g. ten years
 * after its loan closed; an earlier date changes nothing. Returns how many documents moved.
 */
export async function extendRetention(
  tx: Tx,
  applicationId: string,
  until: string,
): Promise<number> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(until) || Number.isNaN(Date.parse(`${until}T00:00:00Z`))) {
    throw new RangeError(`not a date: "${until}"`);
  }
  return repo.extendRetention(tx, applicationId, until);
}

// ----- Reading, with authorisation and audit -----

export interface AccessOptions {
  /**
   * Access beyond the archive's own rules (owner, data subject, operator, regulator), e.g. a
   * lender whose application the document belongs to. Only asked for other callers.
   */
  readonly authorise?:
    ((document: StoredDocument, actor: UserPrincipal) => Promise<boolean>) | undefined;
}

const OVERSEERS: readonly Role[] = ['operator', 'regulator'];

interface Access {
  readonly actor: UserPrincipal;
  /** The caller's own document (uploaded by them, or about them). */
  readonly own: boolean;
}

async function accessTo(
  actor: UserPrincipal,
  row: repo.DocumentRow,
  options: AccessOptions,
): Promise<Access | null> {
  const own =
    row.owner_user_id === actor.userId ||
    (actor.subject !== null &&
      row.subject_kind === actor.subject.kind &&
      row.subject_id === actor.subject.id);
  if (own || OVERSEERS.includes(actor.role)) return { actor, own };
  if (options.authorise && (await options.authorise(toStored(row), actor))) {
    return { actor, own: false };
  }
  return null;
}

async function visibleDocument(
  ctx: AppContext,
  principal: Principal | null,
  id: string,
  options: AccessOptions,
): Promise<{ access: Access; row: repo.DocumentRow }> {
  const actor = requireUser(principal);
  const row = await repo.findDocument(ctx.db, id);
  const access = row ? await accessTo(actor, row, options) : null;
  // Someone else's document is "not found", not "forbidden": its existence is no one's business.
  if (!row || !access) throw notFound('document');
  return { access, row };
}

const auditSubject = (id: string) => ({ kind: 'archive_document', id });
const auditDetail = (row: repo.DocumentRow) => ({
  sha256: row.sha256,
  kind: row.kind,
  ownerUserId: row.owner_user_id,
  applicationId: row.application_id,
  ...(row.subject_kind ? { dataSubject: { kind: row.subject_kind, id: row.subject_id } } : {}),
});

/** A document's metadata; reads of someone else's document are audited. */
export async function getDocument(
  ctx: AppContext,
  principal: Principal | null,
  id: string,
  options: AccessOptions = {},
): Promise<StoredDocument> {
  const { access, row } = await visibleDocument(ctx, principal, id, options);
  if (!access.own) {
    await recordAudit(ctx.db, {
      actor: access.actor,
      action: 'archive.document_viewed',
      subject: auditSubject(id),
      detail: auditDetail(row),
    });
  }
  return toStored(row);
}

/**
 * A document's bytes, checked against its SHA-256. Every read is audited, the owner's too,
 * before any byte leaves.
 */
export async function readDocumentContent(
  ctx: AppContext,
  principal: Principal | null,
  id: string,
  options: AccessOptions = {},
): Promise<{ document: StoredDocument; content: Buffer }> {
  const { access, row } = await visibleDocument(ctx, principal, id, options);
  await recordAudit(ctx.db, {
    actor: access.actor,
    action: 'archive.document_read',
    subject: auditSubject(id),
    detail: { ...auditDetail(row), own: access.own },
  });
  const sealed = await repo.blobContent(ctx.db, row.sha256);
  if (!sealed) throw new Error(`archive blob ${row.sha256} of document ${id} is missing`);
  const content = ctx.crypto.decryptBytes(sealed, contentContext(row.sha256));
  if (sha256Hex(content) !== row.sha256) {
    throw new Error(`archive blob ${row.sha256} does not match its hash`);
  }
  return { document: toStored(row), content };
}

/**
 * The caller's documents, newest first; or, with `applicationId`, the documents of that
 * application the caller may see (oldest first). Someone else's documents are audited.
 */
export async function listDocuments(
  ctx: AppContext,
  principal: Principal | null,
  query: { applicationId?: string | undefined; limit: number; offset: number },
  options: AccessOptions = {},
): Promise<StoredDocument[]> {
  const actor = requireUser(principal);
  if (query.applicationId === undefined) {
    const rows = await repo.documentsOfOwner(ctx.db, actor.userId, query);
    return rows.map(toStored);
  }
  const visible: { row: repo.DocumentRow; access: Access }[] = [];
  for (const row of await repo.documentsOfApplication(ctx.db, query.applicationId)) {
    const access = await accessTo(actor, row, options);
    if (access) visible.push({ row, access });
  }
  const page = visible.slice(query.offset, query.offset + query.limit);
  const others = page.filter((entry) => !entry.access.own);
  if (others.length > 0) {
    await recordAudit(ctx.db, {
      actor,
      action: 'archive.documents_listed',
      subject: { kind: 'loan_application', id: query.applicationId },
      detail: { documentIds: others.map((entry) => entry.row.id) },
    });
  }
  return page.map((entry) => toStored(entry.row));
}

// ----- Uploads -----

export interface Upload {
  readonly content: Buffer;
  readonly mediaType: string;
  readonly fileName: string;
  readonly kind: DocumentKind;
  readonly applicationId?: string | undefined;
}

const UPLOADERS: readonly Role[] = ['borrower', 'lender_officer', 'lender_admin', 'operator'];
/** Contracts come from lenders (or the platform generating them), not from borrowers. */
const KINDS_OF_ROLE: Partial<Record<Role, readonly DocumentKind[]>> = {
  borrower: ['alternative_proof', 'objection_evidence', 'other'],
};

/**
 * A file name as a client sent it, made safe to store and to offer again: no directories,
 * no control characters, NFC, at most 255 characters.
 */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const clean = base.normalize('NFC').replace(new RegExp(CONTROL.source, 'g'), '').trim();
  return Array.from(clean).slice(0, 255).join('') || 'document';
}

/**
 * A user's upload: archived with the caller as owner and, for a borrower, as data subject.
 * A link to an application needs `mayAttachTo` (the loans domain's view of it) to agree.
 */
export async function uploadDocument(
  ctx: AppContext,
  principal: Principal | null,
  upload: Upload,
  options: { mayAttachTo: (applicationId: string) => Promise<boolean> },
): Promise<StoredDocument> {
  const actor = requireUser(principal, ...UPLOADERS);
  const kinds = KINDS_OF_ROLE[actor.role];
  if (kinds && !kinds.includes(upload.kind)) throw invalidField('kind', 'kind_not_allowed');
  const doc: NewDocument = {
    content: upload.content,
    mediaType: upload.mediaType.trim().toLowerCase(),
    fileName: cleanFileName(upload.fileName),
    kind: upload.kind,
    ownerUserId: actor.userId,
    subject: actor.subject ?? undefined,
    applicationId: upload.applicationId?.toLowerCase(),
  };
  const problems = documentProblems(doc);
  if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', {}, problems);
  if (doc.applicationId !== undefined && !(await options.mayAttachTo(doc.applicationId))) {
    throw notFound('application');
  }
  return ctx.db.transaction().execute(async (tx) => {
    const stored = await storeDocument(ctx, tx, doc);
    await recordAudit(tx, {
      actor,
      action: 'archive.document_uploaded',
      subject: auditSubject(stored.id),
      detail: {
        sha256: stored.sha256,
        kind: stored.kind,
        sizeBytes: stored.sizeBytes,
        applicationId: stored.applicationId,
      },
    });
    return stored;
  });
}
