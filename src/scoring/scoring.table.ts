import type { ColumnType, Generated } from 'kysely';
import type { SubjectKind } from '../platform/auth/roles.js';

type Json<T> = ColumnType<T, string, string>;

export type ModelStatus = 'trained' | 'active' | 'retired';
export type ScoreTrigger = 'record_change' | 'rescore' | 'model_activated';

export interface ScorecardModelsTable {
  id: string;
  subject_kind: SubjectKind;
  segment: string;
  version: number;
  status: ModelStatus;
  training_data_hash: string;
  parameters: Json<Record<string, unknown>>;
  metrics: Json<Record<string, unknown>>;
  scorecard: Json<unknown>;
  training_scores: Json<number[]>;
  created_by: string;
  created_at: Date;
  activated_at: Date | null;
  retired_at: Date | null;
}

export interface ScoresTable {
  id: Generated<bigint>;
  subject_kind: SubjectKind;
  subject_ref: string;
  model_id: string;
  score: number;
  grade: string;
  probability_of_default: number;
  reasons: Json<unknown> | null;
  reasons_encrypted: string | null;
  features_hash: string;
  trigger: ScoreTrigger;
  computed_at: Date;
}

export interface ScoringTables {
  scorecard_models: ScorecardModelsTable;
  scores: ScoresTable;
}
