/** One row of `GET /ingest/quality`: a provider's data quality in one category and month. */
export interface QualityRow {
  readonly organisationId: string;
  readonly category: string;
  readonly month: string;
  readonly batches: number;
  readonly read: number;
  readonly completeness: number | null;
  readonly validity: number | null;
  readonly duplicates: number | null;
  readonly timelinessMedianDays: number | null;
  readonly timelinessP90Days: number | null;
}
