import type { MessageParams } from './messages.js';

/** A problem with one input field; `code` is a key of the message catalogue. */
export interface FieldProblem {
  /** JSON pointer into the request part, e.g. `/body/uscc`. */
  readonly path: string;
  readonly code: string;
  readonly params?: MessageParams;
}

/**
 * Every expected failure of a use case. The HTTP status of each code lives in one table at
 * the edge (`src/platform/http/error-status.ts`); domain code never speaks HTTP.
 */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'MALFORMED_REQUEST'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'ROUTE_NOT_FOUND'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'ACCOUNT_LOCKED'
  | 'ACCOUNT_DISABLED'
  | 'RATE_LIMITED'
  | 'FORBIDDEN'
  | 'TENANT_FORBIDDEN'
  | 'CONSENT_REQUIRED'
  | 'CONFLICT'
  | 'LOGIN_TAKEN'
  | 'ORGANISATION_CODE_TAKEN'
  | 'ENTERPRISE_EXISTS'
  | 'PERSON_EXISTS'
  | 'SUBJECT_ALREADY_CLAIMED'
  | 'IDENTITY_MISMATCH'
  | 'CONSENT_NOT_ACTIVE'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'IDEMPOTENCY_IN_PROGRESS'
  | 'CATEGORY_NOT_GRANTED'
  | 'INGEST_FILE_INVALID'
  | 'QUARANTINE_ALREADY_RESOLVED'
  | 'TRAINING_FAILED'
  | 'MODEL_NOT_ACTIVATABLE'
  | 'ALREADY_PUBLISHED'
  | 'NO_PUBLISHED_RULES'
  | 'REVIEW_DONE'
  | 'REVIEW_CLAIMED'
  | 'REVIEW_NOT_CLAIMED'
  | 'SECOND_REVIEWER_REQUIRED'
  | 'REVIEW_ALREADY_OPEN'
  | 'REVIEW_WRONG_KIND'
  | 'HUMAN_REVIEW_ALREADY_HUMAN'
  | 'OFFER_EXPIRED'
  | 'LOAN_CLOSED'
  | 'REPAYMENT_REFERENCE_REUSED'
  | 'OUTAGE_ALREADY_OPEN'
  | 'OBJECTION_ALREADY_OPEN'
  | 'MATERIAL_ALREADY_REQUESTED'
  | 'WARNING_ACKNOWLEDGED'
  | 'OUTAGE_ALREADY_ENDED'
  | 'DOCUMENT_TOO_LARGE'
  | 'LEDGER_PENDING'
  | 'INTERNAL';

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly params: MessageParams;
  readonly fields: readonly FieldProblem[];

  constructor(code: ErrorCode, params: MessageParams = {}, fields: readonly FieldProblem[] = []) {
    super(code);
    this.name = 'DomainError';
    this.code = code;
    this.params = params;
    this.fields = fields;
  }
}

/** A refused input field, as a `VALIDATION_FAILED` error. */
export function invalidField(path: string, code: string, params?: MessageParams): DomainError {
  return new DomainError('VALIDATION_FAILED', {}, [{ path, code, ...(params ? { params } : {}) }]);
}

export type ResourceName =
  | 'user'
  | 'organisation'
  | 'api_key'
  | 'enterprise'
  | 'person'
  | 'consent'
  | 'batch'
  | 'record'
  | 'quarantined_record'
  | 'profile'
  | 'score'
  | 'model'
  | 'rule_version'
  | 'loan_product'
  | 'application'
  | 'decision'
  | 'review'
  | 'loan'
  | 'document'
  | 'audit_event'
  | 'ledger_tile'
  | 'outage'
  | 'objection'
  | 'warning';

export const notFound = (resource: ResourceName) =>
  new DomainError('NOT_FOUND', { resource: `#resource.${resource}` });
