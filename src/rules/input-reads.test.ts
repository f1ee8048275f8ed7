import { ZenDecisionContent, ZenEngine, type ZenEngineTrace } from '@gorules/zen-engine';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from './default-policy.js';
import { inputAsRead, membersRead, membersReadBy } from './input-reads.js';
import type { JdmDocument } from './jdm.js';

describe('membersRead', () => {
  it('names the members a document reads one by one', () => {
    const text = '{"field":"features.tax_paid_12m","rule":"features.listed_abnormal == true"}';
    expect(membersRead(text, 'features')).toEqual(new Set(['tax_paid_12m', 'listed_abnormal']));
  });

  it('keeps the whole field when the document reads it whole, indexed or names it otherwise', () => {
    expect(membersRead('{"a":"len(features) > 3"}', 'features')).toBeNull();
    expect(membersRead('{"a":"features[\\"x\\"] > 3"}', 'features')).toBeNull();
    expect(membersRead('{"_description":"checks the features"}', 'features')).toBeNull();
    expect(membersRead('{"a":"features.纳税 > 1"}', 'features')).toBeNull();
  });

  it('tells a field from longer names that contain it', () => {
    const text = '{"a":"checksFailed","b":"recheck.x","c":"checks.identity"}';
    expect(membersRead(text, 'checks')).toEqual(new Set(['identity']));
  });

  it('reads nothing of a field the document never names', () => {
    expect(membersRead('{"a":"score > 1"}', 'features')).toEqual(new Set());
  });
});

describe('inputAsRead', () => {
  const reads = membersReadBy({
    nodes: [{ field: 'features.a', other: 'len(checks)' }],
  } as unknown as JdmDocument);

  it('keeps only the members read, and leaves the input as it was', () => {
    const input = { score: 1, features: { a: 1, b: 2 }, checks: { x: 'passed' }, list: [1] };
    expect(inputAsRead(input, reads)).toEqual({
      score: 1,
      features: { a: 1 },
      checks: { x: 'passed' },
      list: [1],
    });
    expect(input.features).toEqual({ a: 1, b: 2 });
  });

  it('gives the same input back when nothing is left out', () => {
    const input = { score: 1, checks: {} };
    expect(inputAsRead(input, reads)).toBe(input);
  });
});

describe('the default policy with every profile feature or only those it reads', () => {
  it('gives the engine the same result and the same rows fired', async () => {
    const zen = new ZenEngine();
    const document = defaultPolicy();
    const decision = zen.createDecision(new ZenDecisionContent(structuredClone(document)));
    const rowsFired = async (input: object) => {
      const response: { result: unknown; trace?: Record<string, ZenEngineTrace> } =
        await decision.evaluate(input, { trace: true });
      const steps = Object.values(response.trace ?? {});
      return {
        result: response.result,
        rows: JSON.stringify(steps.map((step): unknown[] => [step.id, step.traceData as unknown])),
      };
    };
    const read = membersReadBy(document)('features');
    expect(read?.size).toBeGreaterThan(0);
    const features: Record<string, number | boolean> = {};
    for (const name of read ?? []) features[name] = 0;
    for (let i = 0; i < 150; i += 1) features[`unread_${i}`] = i;
    const input = {
      applicantKind: 'enterprise',
      productCode: 'SME',
      score: 640,
      grade: 'B',
      probabilityOfDefault: 0.04,
      requestedAmountFen: 50_000_000,
      termMonths: 12,
      checks: { identity: 'passed' },
      checksFailed: [],
      checksPending: [],
      features,
    };
    const fewer = inputAsRead(input, membersReadBy(document)) as typeof input;
    expect(Object.keys(fewer.features)).toHaveLength(read?.size ?? -1);
    expect(await rowsFired(fewer)).toEqual(await rowsFired(input));
    zen.dispose();
  });
});
