/** The ingest API's answers, as the provider portal reads them. */

export interface BatchReport {
  readonly id: string;
  readonly organisationId: string;
  readonly category: string;
  readonly schemaVersion: number;
  readonly source: string;
  readonly fileName: string | null;
  readonly status: 'running' | 'completed' | 'failed';
  readonly failure: { readonly code: string; readonly detail: string | null } | null;
  readonly read: number;
  readonly accepted: number;
  readonly newVersions: number;
  readonly unchanged: number;
  readonly quarantined: number;
  readonly quarantinedByReason: Readonly<Record<string, number>>;
  readonly checkpointLine: number;
  readonly createdAt: string;
  readonly completedAt: string | null;
}

export interface QuarantineReason {
  readonly field: string | null;
  readonly code: string;
  readonly message: string;
}

export interface QuarantinedRecord {
  readonly id: string;
  readonly batchId: string;
  readonly category: string;
  readonly line: number;
  readonly raw: string;
  readonly reasons: readonly QuarantineReason[];
  readonly status: 'open' | 'resubmitted';
  readonly resolvedByBatch: string | null;
}

export interface ProviderCategory {
  readonly category: string;
  readonly grantedAt: string;
}

export interface Mapping {
  readonly category: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly moneyUnit: 'fen' | 'yuan' | 'wan_yuan';
  readonly valueMaps: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly setAt: string | null;
}
