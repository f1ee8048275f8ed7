import { ZenEngine } from '@gorules/zen-engine';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  checkExpressions,
  RulesEngine,
  RulesEvaluationError,
  UnknownDecisionError,
  validateJdm,
} from './engine.js';
import { jdmHash, type JdmDocument } from './jdm.js';
import { tableDocument, type TableSpec } from './testing.js';

const engines: RulesEngine[] = [];
function engine(options?: ConstructorParameters<typeof RulesEngine>[0]) {
  const made = new RulesEngine(options);
  engines.push(made);
  return made;
}
afterEach(() => {
  for (const made of engines.splice(0)) made.dispose();
  vi.restoreAllMocks();
});

const columns: Pick<TableSpec, 'inputs' | 'outputs'> = {
  inputs: [
    { id: 'g', name: 'Grade', field: 'grade' },
    { id: 'c', name: 'Condition' },
  ],
  outputs: [
    { id: 'd', name: 'Decision', field: 'decision' },
    { id: 'r', name: 'Reason', field: 'reason' },
    { id: 'l', name: 'Limit', field: 'terms.maxLimitFen' },
  ],
};

const grades = (hitPolicy: 'first' | 'collect', extra?: TableSpec['extra']) =>
  tableDocument({
    hitPolicy,
    ...columns,
    extra,
    rules: [
      { _id: 'grade-a', g: '"A"', c: '', d: '"approve"', r: '"GRADE_A"', l: 'amount * 2' },
      { _id: 'big', g: '', c: 'amount > 1000', d: '"review"', r: '"LARGE"', l: '' },
      { _id: 'grade-e', g: '"E"', c: '', d: '"decline"', r: '"GRADE_E"', l: '' },
      { _id: 'always', g: '', c: '', d: '', r: '"SEEN"', l: '' },
    ],
  });

describe('RulesEngine.evaluate', () => {
  it('returns the collect result and every fired rule with its outputs', async () => {
    const evaluation = await engine().evaluate(grades('collect'), { grade: 'A', amount: 5000 });
    expect(evaluation.result).toEqual([
      { decision: 'approve', reason: 'GRADE_A', terms: { maxLimitFen: 10_000 } },
      { decision: 'review', reason: 'LARGE' },
      { reason: 'SEEN' },
    ]);
    expect(evaluation.trace).toEqual([
      {
        node: 'table',
        ruleId: 'grade-a',
        outputs: { decision: 'approve', reason: 'GRADE_A', 'terms.maxLimitFen': 10_000 },
      },
      { node: 'table', ruleId: 'big', outputs: { decision: 'review', reason: 'LARGE' } },
      { node: 'table', ruleId: 'always', outputs: { reason: 'SEEN' } },
    ]);
  });

  it('names the one rule a first-hit table fired, even when it passes its input through', async () => {
    const document = grades('first', { passThrough: true, outputPath: 'verdict' });
    const evaluation = await engine().evaluate(document, { grade: 'E', amount: 10 });
    expect(evaluation.result).toEqual({
      grade: 'E',
      amount: 10,
      verdict: { decision: 'decline', reason: 'GRADE_E' },
    });
    expect(evaluation.trace).toEqual([
      { node: 'table', ruleId: 'grade-e', outputs: { decision: 'decline', reason: 'GRADE_E' } },
    ]);
  });

  it('lists the rows of every item in loop mode', async () => {
    const document = grades('first', {
      inputField: 'items',
      outputPath: 'verdicts',
      executionMode: 'loop',
    });
    const evaluation = await engine().evaluate(document, {
      items: [
        { grade: 'B', amount: 1 },
        { grade: 'E', amount: 1 },
        { grade: 'A', amount: 3 },
      ],
    });
    expect(evaluation.trace.map((rule) => [rule.ruleId, rule.outputs.reason])).toEqual([
      ['always', 'SEEN'],
      ['grade-e', 'GRADE_E'],
      ['grade-a', 'GRADE_A'],
    ]);
  });

  it('gives an empty trace when no rule matches', async () => {
    const evaluation = await engine().evaluate(grades('first'), { grade: 'C', amount: 1 });
    expect(evaluation.trace).toEqual([
      { node: 'table', ruleId: 'always', outputs: { reason: 'SEEN' } },
    ]);
    const none = tableDocument({
      hitPolicy: 'collect',
      ...columns,
      rules: [{ _id: 'x', g: '"A"', c: '', d: '"approve"', r: '', l: '' }],
    });
    const empty = await engine().evaluate(none, { grade: 'C' });
    expect(empty).toMatchObject({ result: [], trace: [] });
  });

  it('wraps an engine failure with the decision hash and the engine message', async () => {
    const document: JdmDocument = {
      nodes: [
        { id: 'in', name: 'request', type: 'inputNode' },
        {
          id: 'x',
          name: 'compute',
          type: 'expressionNode',
          content: { expressions: [{ id: 'e', key: 'n', value: 'len(missing)' }] },
        },
        { id: 'out', name: 'response', type: 'outputNode' },
      ],
      edges: [
        { id: 'e1', sourceId: 'in', targetId: 'x' },
        { id: 'e2', sourceId: 'x', targetId: 'out' },
      ],
    };
    const failure = engine().evaluate(document, {});
    await expect(failure).rejects.toBeInstanceOf(RulesEvaluationError);
    await expect(failure).rejects.toThrow(jdmHash(document));
  });
});

describe('RulesEngine cache', () => {
  it('compiles a content once and finds it again by hash', async () => {
    const compile = vi.spyOn(ZenEngine.prototype, 'createDecision');
    const rules = engine();
    const document = grades('collect');
    const hash = rules.load(document);
    expect(hash).toBe(jdmHash(document));
    // Same content, other key order: the same decision.
    const reordered = JSON.parse(
      JSON.stringify(document, Object.keys(document).reverse()),
    ) as JdmDocument;
    expect(rules.load({ ...reordered, nodes: document.nodes, edges: document.edges })).toBe(hash);
    const byHash = await rules.evaluate(hash, { grade: 'E', amount: 1 });
    const byDocument = await rules.evaluate(document, { grade: 'E', amount: 1 });
    expect(byHash).toEqual(byDocument);
    expect(byHash.hash).toBe(hash);
    expect(rules.size).toBe(1);
    expect(compile).toHaveBeenCalledTimes(1);
  });

  it('refuses an unknown hash without a loader', async () => {
    await expect(engine().evaluate('ab'.repeat(32), {})).rejects.toBeInstanceOf(
      UnknownDecisionError,
    );
  });

  it('loads a missing hash once however many evaluations wait for it', async () => {
    const document = grades('collect');
    const loader = vi.fn(async () => document);
    const rules = engine({ loader });
    const hash = jdmHash(document);
    const results = await Promise.all(
      [1, 2, 3].map((amount) => rules.evaluate(hash, { grade: 'A', amount })),
    );
    expect(results.map((r) => r.trace[0]?.outputs['terms.maxLimitFen'])).toEqual([2, 4, 6]);
    expect(loader).toHaveBeenCalledTimes(1);
    expect(rules.has(hash)).toBe(true);
  });

  it('refuses a stored document that no longer matches its hash', async () => {
    const document = grades('collect');
    const rules = engine({ loader: async () => grades('first') });
    await expect(rules.evaluate(jdmHash(document), {})).rejects.toThrow(/hashes to/);
  });

  it('drops the least recently used decision past its size', async () => {
    const rules = engine({ maxDecisions: 2 });
    const [a, b, c] = [grades('collect'), grades('first'), grades('first', { passThrough: true })];
    const [ha, hb] = [rules.load(a), rules.load(b)];
    await rules.evaluate(ha, { grade: 'A', amount: 1 });
    const hc = rules.load(c);
    expect([rules.has(ha), rules.has(hb), rules.has(hc)]).toEqual([true, false, true]);
  });

  it('refuses work after dispose', () => {
    const rules = new RulesEngine();
    rules.dispose();
    expect(() => rules.load(grades('collect'))).toThrow(/disposed/);
  });
});

describe('checkExpressions', () => {
  it('reports syntax errors where the engine would silently skip the rule', () => {
    const document = tableDocument({
      ...columns,
      rules: [
        { _id: 'ok', g: '"A", "B"', c: 'len(checksFailed) > 0', d: '"approve"', r: '', l: '' },
        { _id: 'bad-unary', g: 'grade ==', c: '', d: '"review"', r: '', l: '' },
        { _id: 'bad-output', g: '', c: 'amount >', d: '"decline', r: 'nosuch(1)', l: '' },
      ],
    });
    expect(checkExpressions(document).map((p) => `${p.path} ${p.code}`)).toEqual([
      '/nodes/1/content/rules/1/g JDM_EXPRESSION_SYNTAX',
      '/nodes/1/content/rules/2/c JDM_EXPRESSION_SYNTAX',
      '/nodes/1/content/rules/2/d JDM_EXPRESSION_SYNTAX',
      '/nodes/1/content/rules/2/r JDM_EXPRESSION_SYNTAX',
    ]);
  });

  it('runs after the structural checks in validateJdm', () => {
    const document = grades('collect');
    expect(validateJdm(JSON.stringify(document)).ok).toBe(true);
    expect(validateJdm('{}')).toMatchObject({
      ok: false,
      problems: [{ path: '/nodes' }, { path: '/edges' }],
    });
    const broken = JSON.stringify(document).replace('amount > 1000', 'amount >> 1000');
    expect(validateJdm(broken)).toMatchObject({
      ok: false,
      problems: [{ path: '/nodes/1/content/rules/1/c', code: 'JDM_EXPRESSION_SYNTAX' }],
    });
  });
});
