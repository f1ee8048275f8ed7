/**
 * The changes that could flip a declined application, nearest first: for each numeric
 * feature of the scorecard, each bin worth more points than the applicant's, reached by the
 * smallest move of the value. The service tries them against the stored rules and decision
 * until one flips; this module only proposes. Pure.
 */
import type { Bin } from '../scoring/binning.js';
import type { Scorecard } from '../scoring/scorecard.js';
import { binIndex } from '../scoring/binning.js';

export type FeatureValue = number | string | null;

export interface FlipCandidate {
  readonly feature: string;
  readonly from: FeatureValue;
  /** A value inside the better bin, for scoring the change. */
  readonly to: number;
  /** How the borrower reads it: the value at least `threshold`, or below it. */
  readonly direction: 'at_least' | 'below';
  readonly threshold: number;
  readonly pointsGained: number;
  /** Relative size of the move; a feature that had no data counts as a large one. */
  readonly distance: number;
}

const NO_DATA_DISTANCE = 10;

/** A value just under an exclusive upper bound, binned like the bound's own bin. */
function justBelow(upper: number): number {
  return Number.isInteger(upper) ? upper - 1 : upper - Math.max(Math.abs(upper), 1) * 1e-9;
}

function moveInto(
  bin: Extract<Bin, { kind: 'range' }>,
  from: number | null,
): { to: number; direction: 'at_least' | 'below'; threshold: number } | null {
  if (bin.lower !== null && (from === null || from < bin.lower)) {
    return { to: bin.lower, direction: 'at_least', threshold: bin.lower };
  }
  if (bin.upper !== null && (from === null || from >= bin.upper)) {
    return { to: justBelow(bin.upper), direction: 'below', threshold: bin.upper };
  }
  return null;
}

export function flipCandidates(
  scorecard: Scorecard,
  values: Readonly<Record<string, FeatureValue>>,
): FlipCandidate[] {
  const candidates: FlipCandidate[] = [];
  for (const feature of scorecard.features) {
    if (feature.kind !== 'numeric') continue;
    const raw = values[feature.name] ?? null;
    const from = typeof raw === 'number' ? raw : null;
    const current = feature.bins[binIndex(feature.binning, from)];
    if (!current) continue;
    for (const bin of feature.bins) {
      if (bin.bin.kind !== 'range' || bin.points <= current.points) continue;
      const move = moveInto(bin.bin, from);
      if (!move) continue;
      candidates.push({
        feature: feature.name,
        from: raw,
        ...move,
        pointsGained: bin.points - current.points,
        distance:
          from === null ? NO_DATA_DISTANCE : Math.abs(move.to - from) / Math.max(Math.abs(from), 1),
      });
    }
  }
  return candidates.sort((a, b) => a.distance - b.distance || b.pointsGained - a.pointsGained);
}
