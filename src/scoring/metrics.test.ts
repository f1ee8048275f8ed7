import { describe, expect, it } from 'vitest';
import {
  auc,
  calibrationByDecile,
  confusionAt,
  gini,
  ksCurve,
  ksStatistic,
  psi,
  PSI_SHARE_FLOOR,
  rocCurve,
} from './metrics.js';

/*
 * Hand example. Bads score 0.9 and 0.8, goods 0.8, 0.3 and 0.1. Of the 6 bad–good pairs the
 * bad is riskier in 5 and tied in 1, so AUC = 5.5/6. Riskiest first, the cumulative shares
 * (bads, goods) are (½, 0), (1, ⅓), (1, ⅔), (1, 1): KS = ⅔ at threshold 0.8.
 */
const RISK = [0.8, 0.1, 0.9, 0.3, 0.8];
const TARGET: (0 | 1)[] = [1, 0, 1, 0, 0];

describe('auc and gini', () => {
  it('counts ties as one half', () => {
    expect(auc(RISK, TARGET)).toBeCloseTo(5.5 / 6, 15);
    expect(gini(5.5 / 6)).toBeCloseTo(5 / 6, 15);
  });

  it('is 1 for a perfect ranking, 0 for a reversed one and ½ when all tie', () => {
    expect(auc([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0])).toBe(1);
    expect(auc([0.1, 0.2, 0.8, 0.9], [1, 1, 0, 0])).toBe(0);
    expect(auc([5, 5, 5, 5], [1, 0, 1, 0])).toBe(0.5);
  });

  it('ranks credit scores in reverse when told they rise with safety', () => {
    const scores = RISK.map((risk) => 700 - 100 * risk);
    expect(auc(scores, TARGET, { higherIsSafer: true })).toBeCloseTo(5.5 / 6, 15);
    expect(auc(scores, TARGET)).toBeCloseTo(0.5 / 6, 15);
  });

  it('needs both classes', () => {
    expect(() => auc([0.1, 0.2], [0, 0])).toThrow(/one bad and one good/);
  });
});

describe('ksStatistic and the curves', () => {
  it('finds the largest gap and its threshold', () => {
    const { ks, threshold } = ksStatistic(RISK, TARGET);
    expect(ks).toBeCloseTo(2 / 3, 15);
    expect(threshold).toBe(0.8);
  });

  it('reports the threshold in score units for credit scores', () => {
    const scores = RISK.map((risk) => 700 - 100 * risk);
    const { ks, threshold } = ksStatistic(scores, TARGET, { higherIsSafer: true });
    expect(ks).toBeCloseTo(2 / 3, 15);
    expect(threshold).toBeCloseTo(620, 10);
  });

  it('traces the ROC curve from (0, 0) to (1, 1), one point per distinct score', () => {
    const curve = rocCurve(RISK, TARGET);
    expect(curve.thresholds).toEqual([Infinity, 0.9, 0.8, 0.3, 0.1]);
    expect(curve.tpr).toEqual([0, 0.5, 1, 1, 1]);
    expect(curve.fpr.map((x) => x * 3)).toEqual([0, 0, 1, 2, 3]);
    let area = 0;
    for (let i = 1; i < curve.fpr.length; i++) {
      area += ((curve.fpr[i]! - curve.fpr[i - 1]!) * (curve.tpr[i]! + curve.tpr[i - 1]!)) / 2;
    }
    expect(area).toBeCloseTo(auc(RISK, TARGET), 15);
  });

  it('gives the KS curve against the share of the population flagged', () => {
    const curve = ksCurve(RISK, TARGET);
    expect(curve.population).toEqual([0, 0.2, 0.6, 0.8, 1]);
    expect(curve.cumBad).toEqual([0, 0.5, 1, 1, 1]);
    expect(curve.ksIndex).toBe(2);
  });
});

describe('confusionAt', () => {
  it('flags rows at or above the cut-off as bad', () => {
    expect(confusionAt(RISK, TARGET, 0.8)).toEqual({
      tp: 2,
      fp: 1,
      tn: 2,
      fn: 0,
      precision: 2 / 3,
      recall: 1,
      accuracy: 0.8,
    });
  });

  it('flags credit scores at or below the cut-off when they rise with safety', () => {
    const confusion = confusionAt([620, 690, 610, 670, 620], TARGET, 620, { higherIsSafer: true });
    expect(confusion).toMatchObject({ tp: 2, fp: 1, tn: 2, fn: 0 });
  });

  it('has precision 0 when nothing is flagged', () => {
    expect(confusionAt(RISK, TARGET, 2)).toMatchObject({ tp: 0, fp: 0, precision: 0, recall: 0 });
  });
});

describe('calibrationByDecile', () => {
  it('cuts ranked rows into ten near-equal groups', () => {
    const pd = Array.from({ length: 25 }, (_, i) => (25 - i) / 100);
    const target = pd.map((p) => (p >= 0.2 ? 1 : 0));
    const deciles = calibrationByDecile(pd, target);
    expect(deciles.map((d) => d.decile)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(deciles.map((d) => d.count)).toEqual([3, 2, 3, 2, 3, 2, 3, 2, 3, 2]);
    expect(deciles[0]!.meanPd).toBeCloseTo(0.02, 15);
    expect(deciles[9]!.meanPd).toBeCloseTo(0.245, 15);
    expect(deciles.map((d) => d.observedRate)).toEqual([0, 0, 0, 0, 0, 0, 0, 0.5, 1, 1]);
  });

  it('leaves out empty groups when there are fewer than ten rows', () => {
    const deciles = calibrationByDecile([0.4, 0.1, 0.3, 0.2], [1, 0, 1, 0]);
    expect(deciles.map((d) => [d.decile, d.meanPd])).toEqual([
      [1, 0.1],
      [3, 0.2],
      [6, 0.3],
      [8, 0.4],
    ]);
  });

  it('refuses a probability outside [0, 1]', () => {
    expect(() => calibrationByDecile([0.5, 1.5], [0, 1])).toThrow(/pd\[1\]/);
  });
});

describe('psi', () => {
  it('is 0 for identical distributions', () => {
    const scores = Array.from({ length: 200 }, (_, i) => 400 + ((i * 37) % 200));
    expect(psi(scores, [...scores].reverse()).psi).toBe(0);
  });

  it('matches a hand-computed two-bin example', () => {
    // Cut at the median 2: expected ½ | ½, actual ¾ | ¼.
    // PSI = (¾ − ½)·ln(3/2) + (¼ − ½)·ln(1/2) = ¼·ln 3.
    const result = psi([1, 2, 3, 4], [1, 1, 1, 4], 2);
    expect(result.psi).toBeCloseTo(Math.log(3) / 4, 15);
    expect(result.bins).toEqual([
      expect.objectContaining({ lower: null, upper: 2, expectedShare: 0.5, actualShare: 0.75 }),
      expect.objectContaining({ lower: 2, upper: null, expectedShare: 0.5, actualShare: 0.25 }),
    ]);
  });

  it('floors an empty share so the index stays finite', () => {
    const result = psi([1, 2, 3, 4], [1, 1, 1, 1], 2);
    expect(result.bins[1]!.actualShare).toBe(0);
    const floored = (PSI_SHARE_FLOOR - 0.5) * Math.log(PSI_SHARE_FLOOR / 0.5);
    expect(result.bins[1]!.contribution).toBeCloseTo(floored, 15);
    expect(result.psi).toBeCloseTo(0.5 * Math.log(2) + floored, 15);
  });

  it('cuts ten bins at the deciles of the expected scores by default', () => {
    const expected = Array.from({ length: 100 }, (_, i) => i);
    const result = psi(
      expected,
      expected.map((x) => x + 5),
    );
    expect(result.bins.map((bin) => bin.upper)).toEqual([9, 19, 29, 39, 49, 59, 69, 79, 89, null]);
    expect(result.bins.every((bin) => bin.expectedShare === 0.1)).toBe(true);
  });

  it('merges bins of tied expected scores and drops an edge at the maximum', () => {
    const tied = psi([1, 1, 1, 1, 2, 2, 3, 4], [1, 2, 3, 3], 4);
    expect(tied.bins.map((bin) => [bin.lower, bin.upper])).toEqual([
      [null, 1],
      [1, 2],
      [2, null],
    ]);
    const topHeavy = psi([1, 2, 3, 3, 3, 3, 3, 3], [1, 2, 3, 3], 4);
    expect(topHeavy.bins.map((bin) => [bin.lower, bin.upper])).toEqual([
      [null, 2],
      [2, null],
    ]);
  });
});
