/** The API's answers the regulator's pages read (see src/monitor, src/ingest, src/ledger). */

export interface GroupRates {
  readonly group: string;
  readonly applications: number;
  readonly decided: number;
  readonly approved: number;
  readonly approvalRate: number | null;
  readonly loans: number;
  readonly defaults: number;
  readonly defaultRate: number | null;
}

export interface FairnessFlag {
  readonly groups: readonly [string, string];
  readonly approvalRates: readonly [number, number];
  readonly defaultRates: readonly [number, number];
}

export interface ObjectionStatistics {
  readonly total: number;
  readonly open: number;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly medianHoursToClose: number | null;
  readonly upheldShare: number | null;
  readonly evidenceRefuted: number;
  readonly breaches: number;
  readonly openBreaches: number;
}

/** `GET /monitor/statistics`. */
export interface MarketStatistics {
  readonly coverage: {
    readonly enterprises: number;
    readonly persons: number;
    readonly enterprisesWithRecords: number;
    readonly personsWithRecords: number;
  };
  readonly decisions: {
    readonly applications: number;
    readonly decided: number;
    readonly approvalRate: number | null;
    readonly automationRate: number | null;
    readonly decisionMs: { readonly p50: number | null; readonly p95: number | null };
    readonly loans: number;
    readonly defaults: number;
  };
  readonly byIndustry: readonly GroupRates[];
  readonly byRegion: readonly GroupRates[];
  readonly bySegment: readonly GroupRates[];
  readonly fairness: { readonly byIndustry: readonly FairnessFlag[] };
  readonly objections: ObjectionStatistics;
}

export interface Organisation {
  readonly id: string;
  readonly kind: string;
  readonly code: string;
  readonly name: string;
}

export interface ModelSummary {
  readonly id: string;
  readonly subjectKind: 'enterprise' | 'person';
  readonly segment: string;
  readonly version: number;
  readonly status: 'trained' | 'active' | 'retired';
  readonly trainingDataHash: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly metrics: Readonly<Record<string, unknown>>;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly activatedAt: string | null;
  readonly retiredAt: string | null;
}

export interface ModelStability {
  readonly modelId: string;
  readonly liveScores: number;
  readonly psi: number | null;
  readonly bins: readonly {
    readonly lower: number | null;
    readonly upper: number | null;
    readonly expectedShare: number;
    readonly actualShare: number;
    readonly contribution: number;
  }[];
  readonly characteristics: readonly { readonly feature: string; readonly csi: number }[];
}

export interface AuditEvent {
  readonly id: string;
  readonly at: string;
  readonly actorKind: string;
  readonly actorId: string | null;
  readonly actorRole: string | null;
  readonly actorOrganisationId: string | null;
  readonly action: string;
  readonly subjectKind: string | null;
  readonly subjectId: string | null;
  readonly detail: Readonly<Record<string, unknown>>;
}
