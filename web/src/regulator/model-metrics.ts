import type { ModelSummary } from './types';

/** One data set's validation figures, as the trainer stores them in `metrics.validation`. */
export interface SetMetrics {
  readonly rows: number;
  readonly bads: number;
  readonly auc: number;
  readonly ks: number;
  readonly gini: number;
}

interface Validation {
  readonly train?: SetMetrics;
  readonly test?: SetMetrics | null;
}

export function setMetrics(model: ModelSummary, set: 'train' | 'test'): SetMetrics | undefined {
  const validation = model.metrics.validation as Validation | undefined;
  return validation?.[set] ?? undefined;
}

/** The features the scorecard uses, with their information values. */
export function selectedFeatures(model: ModelSummary): { feature: string; iv: number }[] {
  const selected = model.metrics.selected;
  return Array.isArray(selected) ? (selected as { feature: string; iv: number }[]) : [];
}

export const STATUS_COLOURS: Record<ModelSummary['status'], string> = {
  active: 'green',
  trained: 'blue',
  retired: 'default',
};

/** The usual reading of a population stability index. */
export function psiLevel(psi: number): 'stable' | 'watch' | 'shift' {
  if (psi < 0.1) return 'stable';
  return psi < 0.25 ? 'watch' : 'shift';
}
