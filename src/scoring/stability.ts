/**
 * Characteristic stability (CSI): per scorecard feature, how far the live population's
 * spread over the feature's bins has moved from the training population's, with the same
 * formula as PSI: Σ (actual − expected) · ln(actual / expected). Pure.
 */
import { binIndex } from './binning.js';
import { PSI_SHARE_FLOOR } from './metrics.js';
import type { Scorecard } from './scorecard.js';

export interface CharacteristicStability {
  readonly feature: string;
  readonly csi: number;
  readonly bins: { readonly expectedShare: number; readonly actualShare: number }[];
}

export function characteristicStability(
  scorecard: Scorecard,
  live: readonly ((feature: string) => number | string | null)[],
): CharacteristicStability[] {
  return scorecard.features.map((feature) => {
    const trained = feature.bins.reduce((n, b) => n + b.count, 0);
    const counts = new Array<number>(feature.bins.length).fill(0);
    for (const valueOf of live) {
      const index = binIndex(feature.binning, valueOf(feature.name));
      if (index >= 0) counts[index] = (counts[index] ?? 0) + 1;
    }
    const bins = feature.bins.map((bin, i) => ({
      expectedShare: trained === 0 ? 0 : bin.count / trained,
      actualShare: live.length === 0 ? 0 : (counts[i] ?? 0) / live.length,
    }));
    const csi = bins.reduce((sum, { expectedShare, actualShare }) => {
      const e = Math.max(expectedShare, PSI_SHARE_FLOOR);
      const a = Math.max(actualShare, PSI_SHARE_FLOOR);
      return sum + (a - e) * Math.log(a / e);
    }, 0);
    return { feature: feature.name, csi, bins };
  });
}
