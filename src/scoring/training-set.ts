/**
 * Turns labelled profiles into the columns a scorecard trains on: one column per catalogue
 * feature of the subject kind, numeric or categorical as the catalogue declares. Pure.
 */
import type { FeatureColumn } from './scorecard.js';

export interface CatalogueFeature {
  readonly name: string;
  readonly kind: 'numeric' | 'categorical';
}

export interface LabelledProfile {
  readonly subjectRef: string;
  readonly bad: 0 | 1;
  readonly values: ReadonlyMap<string, number | string | null>;
}

export interface TrainingSet {
  readonly refs: readonly string[];
  readonly columns: FeatureColumn[];
  readonly target: ArrayLike<0 | 1>;
}

/** Labels are 0 or 1 by construction: a byte array read as such. */
const asTarget = (bytes: Uint8Array) => bytes as unknown as ArrayLike<0 | 1>;

export function buildTrainingSet(
  features: readonly CatalogueFeature[],
  rows: readonly LabelledProfile[],
): TrainingSet {
  const columns = features.map((feature): FeatureColumn => {
    if (feature.kind === 'numeric') {
      const values = rows.map((row) => {
        const value = row.values.get(feature.name);
        return typeof value === 'number' ? value : null;
      });
      return { name: feature.name, kind: 'numeric', values };
    }
    const values = rows.map((row) => {
      const value = row.values.get(feature.name);
      return value === null || value === undefined ? null : String(value);
    });
    return { name: feature.name, kind: 'categorical', values };
  });
  return {
    refs: rows.map((row) => row.subjectRef),
    columns,
    target: asTarget(Uint8Array.from(rows, (row) => row.bad)),
  };
}

/** Rows picked by index (a train or test part of a split). */
export function subset(set: TrainingSet, indices: ArrayLike<number>): TrainingSet {
  const pick = <T>(values: ArrayLike<T>) => Array.from(indices, (i) => values[i] as T);
  return {
    refs: pick(set.refs),
    target: asTarget(Uint8Array.from(indices, (i) => set.target[i] ?? 0)),
    columns: set.columns.map((column): FeatureColumn =>
      column.kind === 'numeric'
        ? { name: column.name, kind: 'numeric', values: pick(column.values) }
        : { name: column.name, kind: 'categorical', values: pick(column.values) },
    ),
  };
}
