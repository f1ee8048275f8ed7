import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  canonicalJdm,
  canonicalJson,
  jdmHash,
  parseJdm,
  pointer,
  validateJdmValue,
  type JdmDocument,
} from './jdm.js';
import { tableDocument } from './testing.js';

const defaultText = readFileSync(new URL('./default-policy.jdm.json', import.meta.url), 'utf8');

/** The problems of a document as `path code` lines, for exact comparison. */
function problemsOf(value: unknown): string[] {
  const parsed = validateJdmValue(value);
  if (parsed.ok) return [];
  return parsed.problems.map((p) => `${p.path} ${p.code}`);
}

const small = () =>
  tableDocument({
    inputs: [{ id: 'i1', name: 'Grade', field: 'grade' }],
    outputs: [{ id: 'o1', name: 'Decision', field: 'decision' }],
    rules: [{ _id: 'r1', i1: '"A"', o1: '"approve"' }],
  });

/** A deep copy with every object's keys in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).reverse();
  return Object.fromEntries(entries.map(([k, v]) => [k, reversedKeys(v)]));
}

describe('parseJdm', () => {
  it('accepts the default policy and re-serialises it to the same JSON value', () => {
    const parsed = parseJdm(defaultText);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(JSON.parse(canonicalJdm(parsed.document))).toEqual(JSON.parse(defaultText));
  });

  it('keeps properties it does not know, as an editor export has them', () => {
    const exported = {
      contentType: 'application/vnd.gorules.decision',
      settings: { validation: { inputSchema: null } },
      nodes: [
        {
          id: 'in',
          name: 'request',
          type: 'inputNode',
          position: { x: 10, y: 20.5 },
          content: { schema: '{"type":"object"}' },
        },
        {
          id: 't',
          name: 'table',
          type: 'decisionTableNode',
          position: { x: 300, y: 20 },
          description: 'made in the editor',
          content: {
            hitPolicy: 'first',
            inputs: [{ id: 'i1', name: 'Grade', field: 'grade', defaultValue: '' }],
            outputs: [{ id: 'o1', name: 'Decision', field: 'decision', defaultValue: '' }],
            rules: [{ _id: 'r1', _description: 'grade A', i1: '"A"', o1: '"approve"', old: '' }],
            passThrough: true,
            inputField: null,
            outputPath: null,
            executionMode: 'single',
            passThorough: false,
          },
        },
        { id: 'out', name: 'response', type: 'outputNode', position: { x: 600, y: 20 } },
      ],
      edges: [
        { id: 'e1', sourceId: 'in', targetId: 't', type: 'edge' },
        { id: 'e2', sourceId: 't', targetId: 'out', type: 'edge', sourceHandle: null },
      ],
    };
    const parsed = parseJdm(JSON.stringify(exported, null, 2));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.document).toEqual(exported);
    expect(JSON.parse(canonicalJdm(parsed.document))).toEqual(exported);
  });

  it('reports text that is not JSON at the root', () => {
    const parsed = parseJdm('{"nodes": [');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatchObject({ path: '', code: 'JDM_INVALID_JSON' });
  });

  it('reports each problem with the JSON pointer of the offending field', () => {
    const document = {
      contentType: 'text/plain',
      nodes: [
        { id: 'in', name: 'request', type: 'inputNode' },
        { id: 'in', name: 'again', type: 'inputNode' },
        { id: 'js', name: 'code', type: 'functionNode', content: { source: '' } },
        {
          id: 't',
          name: 'table',
          type: 'decisionTableNode',
          content: {
            hitPolicy: 'unique',
            inputs: [{ id: 'i1', name: 'Grade', field: 7 }],
            outputs: [
              { id: 'o1', name: 'Decision' },
              { id: 'i1', name: 'x', field: 'x' },
            ],
            rules: [
              { _id: 'r1', i1: '"A"', o1: '"approve"' },
              { _id: 'r1', i1: 5, o1: '"review"' },
              { o1: '"decline"' },
              'not a rule',
            ],
            executionMode: 'parallel',
          },
        },
        {
          id: 'x',
          name: 'expressions',
          type: 'expressionNode',
          content: { expressions: [{ id: 'a', key: '', value: '1' }] },
        },
      ],
      edges: [
        { id: 'e1', sourceId: 'in', targetId: 't' },
        { id: 'e1', sourceId: 't', targetId: 'nowhere' },
        { id: 'e3', sourceId: 'js', targetId: 't' },
      ],
    };
    expect(problemsOf(document)).toEqual([
      '/contentType JDM_BAD_VALUE',
      '/nodes/1/id JDM_DUPLICATE',
      '/nodes/2/type JDM_UNSUPPORTED_NODE',
      '/nodes/3/content/executionMode JDM_BAD_VALUE',
      '/nodes/3/content/hitPolicy JDM_BAD_VALUE',
      '/nodes/3/content/inputs/0/field JDM_WRONG_TYPE',
      '/nodes/3/content/outputs/0/field JDM_REQUIRED',
      '/nodes/3/content/outputs/1/id JDM_DUPLICATE',
      '/nodes/3/content/rules/1/_id JDM_DUPLICATE',
      '/nodes/3/content/rules/1/i1 JDM_WRONG_TYPE',
      '/nodes/3/content/rules/2/_id JDM_REQUIRED',
      '/nodes/3/content/rules/2/i1 JDM_REQUIRED',
      '/nodes/3/content/rules/3 JDM_WRONG_TYPE',
      '/nodes/4/content/expressions/0/key JDM_REQUIRED',
      '/nodes JDM_NODE_COUNT',
      '/edges/1/id JDM_DUPLICATE',
      '/edges/1/targetId JDM_UNKNOWN_NODE',
    ]);
  });

  it('requires nodes and edges, one input node and an output node', () => {
    expect(problemsOf([])).toEqual([' JDM_WRONG_TYPE']);
    expect(problemsOf({})).toEqual(['/nodes JDM_REQUIRED', '/edges JDM_REQUIRED']);
    expect(problemsOf({ nodes: [], edges: {} })).toEqual([
      '/edges JDM_WRONG_TYPE',
      '/nodes JDM_NODE_COUNT',
      '/nodes JDM_NODE_COUNT',
    ]);
  });

  it('refuses cycles and edges into the input or out of an output', () => {
    const document = small();
    const cyclic = {
      ...document,
      nodes: [
        ...document.nodes,
        { id: 'x', name: 'x', type: 'expressionNode', content: { expressions: [] } },
      ],
      edges: [
        ...document.edges,
        { id: 'e3', sourceId: 'table', targetId: 'x' },
        { id: 'e4', sourceId: 'x', targetId: 'table' },
      ],
    };
    const parsed = validateJdmValue(cyclic);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([
      {
        path: '/edges',
        code: 'JDM_CYCLE',
        message: 'The edges form a cycle: table → x → table',
      },
    ]);
    const backwards = { ...document, edges: [{ id: 'e9', sourceId: 'out', targetId: 'in' }] };
    expect(problemsOf(backwards)).toEqual([
      '/edges/0/sourceId JDM_BAD_EDGE',
      '/edges/0/targetId JDM_BAD_EDGE',
    ]);
  });

  it('escapes column ids in paths', () => {
    const document = tableDocument({
      inputs: [{ id: 'a/b~c', name: 'odd', field: 'x' }],
      outputs: [{ id: 'o1', name: 'Decision', field: 'decision' }],
      rules: [{ _id: 'r1', o1: '"approve"' }],
    });
    expect(problemsOf(document)).toEqual(['/nodes/1/content/rules/0/a~1b~0c JDM_REQUIRED']);
    expect(pointer('rules', 0, 'a/b~c')).toBe('/rules/0/a~1b~0c');
  });

  it('returns a copy the caller cannot change afterwards', () => {
    const original = small();
    const parsed = validateJdmValue(original);
    if (!parsed.ok) throw new Error('expected a valid document');
    (original.nodes as unknown[]).pop();
    expect(parsed.document.nodes).toHaveLength(3);
  });
});

describe('canonicalJdm', () => {
  it('is the same text and hash whatever the key order and formatting', () => {
    const document = JSON.parse(defaultText) as JdmDocument;
    const shuffled = reversedKeys(document) as JdmDocument;
    expect(JSON.stringify(shuffled)).not.toBe(JSON.stringify(document));
    expect(canonicalJdm(shuffled)).toBe(canonicalJdm(document));
    expect(jdmHash(shuffled)).toBe(jdmHash(document));
    expect(jdmHash(document)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with the order of rules, which the first hit policy depends on', () => {
    const document = JSON.parse(defaultText) as { nodes: { content?: { rules: unknown[] } }[] };
    const swapped = structuredClone(document);
    swapped.nodes[1]?.content?.rules.reverse();
    expect(swapped).not.toEqual(document);
    expect(jdmHash(swapped as unknown as JdmDocument)).not.toBe(
      jdmHash(document as unknown as JdmDocument),
    );
  });

  it('sorts keys, drops whitespace and keeps __proto__ as a plain key', () => {
    const value = JSON.parse(
      '{"b":[1,{"y":2,"x":"é"}],"a":null,"__proto__":{"z":true}}',
    ) as unknown;
    expect(canonicalJson(value)).toBe('{"__proto__":{"z":true},"a":null,"b":[1,{"x":"é","y":2}]}');
  });
});
