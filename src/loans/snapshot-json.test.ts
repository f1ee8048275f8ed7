import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../rules/jdm.js';
import { snapshotJson } from './snapshot-json.js';

/** What snapshots were written as before: stringify with bigint as text, parse, canonicalise. */
const threePasses = (value: unknown) =>
  canonicalJson(
    JSON.parse(
      JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
    ),
  );

const cases: Record<string, unknown> = {
  'a decision snapshot': {
    decisionInput: {
      requestedAmountFen: 50_000_000n,
      termMonths: 12,
      terms: { minAmountFen: 1n, maxAmountFen: 9_007_199_254_740_993n, rateBpByGrade: { B: 480 } },
      score: { score: 640, grade: 'B', probabilityOfDefault: 0.0412, modelId: 'm-1' },
      checks: [{ check: 'identity', outcome: 'pass', problems: [] }],
      policy: { decision: 'approve', reasons: ['Z', 'A'], limitFen: undefined },
    },
    policyInput: { features: { b: null, a: 1.5, 统一: '中文', z: -0 }, checksFailed: [] },
    ruleHash: 'ab'.repeat(32),
  },
  'edge values': {
    nan: Number.NaN,
    infinite: -Infinity,
    big: 1e21,
    small: 5e-7,
    date: new Date(Date.UTC(2026, 11, 8, 1, 2, 3)),
    list: [undefined, () => 1, Symbol('s'), null, 0n, 'x"\n\u2028'],
    skipped: undefined,
    nested: { '10': 1, '9': 2, B: 3, a: 4, '': 5 },
  },
  'a bare value': 12n,
  'an empty object': {},
};

describe('snapshotJson', () => {
  for (const [name, value] of Object.entries(cases)) {
    it(`writes ${name} as stringify, parse and canonicalise did`, () => {
      expect(snapshotJson(value)).toBe(threePasses(value));
    });
  }

  it('sorts keys at every level and keeps bigint exact', () => {
    expect(snapshotJson({ b: { d: 1, c: 2 }, a: 9_007_199_254_740_993n })).toBe(
      '{"a":"9007199254740993","b":{"c":2,"d":1}}',
    );
  });
});
