/**
 * JDM (JSON Decision Model), the graph format of GoRules ZEN and its editor: types, a
 * validator that reports every problem with a JSON pointer, and a canonical form for hashing.
 *
 * Import and export must be lossless: a document exported by the editor carries layout
 * (`position`), schemas and properties we do not know, and a lender who exports, edits and
 * re-imports must get back what they sent. So validation only reads; the document returned
 * is the parsed JSON itself, and every interface below allows extra properties.
 *
 * The checks follow what the engine needs (its Rust model deserialises rules as maps of
 * string to string, output fields as required strings, hit policies `first` / `collect`)
 * and, beyond that, what makes the engine go quietly wrong: a rule without a cell for one
 * of its table's columns never matches, so a missing cell is refused here rather than
 * letting a decline rule vanish.
 */
import { createHash } from 'node:crypto';

export const JDM_CONTENT_TYPE = 'application/vnd.gorules.decision';

/** Extra properties the editor (or a newer engine) writes; kept as they are. */
interface Open {
  readonly [property: string]: unknown;
}

export interface JdmNodeBase extends Open {
  readonly id: string;
  readonly name: string;
}

export interface JdmInputNode extends JdmNodeBase {
  readonly type: 'inputNode';
}

export interface JdmOutputNode extends JdmNodeBase {
  readonly type: 'outputNode';
}

/** How a node reads and writes the data flowing through it; absent means the engine default. */
export interface JdmTransform extends Open {
  readonly inputField?: string | null;
  readonly outputPath?: string | null;
  readonly executionMode?: 'single' | 'loop';
  readonly passThrough?: boolean;
}

export type JdmHitPolicy = 'first' | 'collect';

export interface JdmTableInput extends Open {
  readonly id: string;
  readonly name: string;
  /** The input path a cell is compared with (a unary test); without it a cell is a full expression. */
  readonly field?: string | null;
}

export interface JdmTableOutput extends Open {
  readonly id: string;
  readonly name: string;
  /** Where the cell's value goes in the row's output; dots make nested objects. */
  readonly field: string;
}

/** One row: `_id`, an optional `_description`, and one expression cell per column id. */
export interface JdmRule {
  readonly _id: string;
  readonly _description?: string;
  readonly [columnId: string]: string | undefined;
}

export interface JdmDecisionTable extends JdmTransform {
  readonly hitPolicy: JdmHitPolicy;
  readonly inputs: readonly JdmTableInput[];
  readonly outputs: readonly JdmTableOutput[];
  readonly rules: readonly JdmRule[];
}

export interface JdmDecisionTableNode extends JdmNodeBase {
  readonly type: 'decisionTableNode';
  readonly content: JdmDecisionTable;
}

export interface JdmExpression extends Open {
  readonly id: string;
  readonly key: string;
  readonly value: string;
}

export interface JdmExpressionNode extends JdmNodeBase {
  readonly type: 'expressionNode';
  readonly content: JdmTransform & { readonly expressions: readonly JdmExpression[] };
}

export type JdmNode = JdmInputNode | JdmOutputNode | JdmDecisionTableNode | JdmExpressionNode;
export type JdmNodeType = JdmNode['type'];

export interface JdmEdge extends Open {
  readonly id: string;
  readonly sourceId: string;
  readonly targetId: string;
  readonly sourceHandle?: string | null;
}

export interface JdmDocument extends Open {
  readonly contentType?: string;
  readonly nodes: readonly JdmNode[];
  readonly edges: readonly JdmEdge[];
}

/**
 * Node types a policy may use. Function nodes (JavaScript), sub-decision nodes (need a
 * loader), switch and custom nodes are left out on purpose: every rule that decides a loan
 * must be a table row or an expression an auditor can read and that the trace names.
 */
export const SUPPORTED_NODE_TYPES: readonly JdmNodeType[] = [
  'inputNode',
  'outputNode',
  'decisionTableNode',
  'expressionNode',
];

export type JdmProblemCode =
  | 'JDM_INVALID_JSON'
  | 'JDM_REQUIRED'
  | 'JDM_WRONG_TYPE'
  | 'JDM_BAD_VALUE'
  | 'JDM_DUPLICATE'
  | 'JDM_UNKNOWN_NODE'
  | 'JDM_UNSUPPORTED_NODE'
  | 'JDM_NODE_COUNT'
  | 'JDM_BAD_EDGE'
  | 'JDM_CYCLE'
  | 'JDM_EXPRESSION_SYNTAX';

export interface JdmProblem {
  /** JSON pointer into the document, e.g. `/nodes/1/content/rules/4/_id`; `` is the whole. */
  readonly path: string;
  readonly code: JdmProblemCode;
  /** English, for logs and API clients that show it as is. */
  readonly message: string;
}

export type JdmParseResult =
  | { readonly ok: true; readonly document: JdmDocument }
  | { readonly ok: false; readonly problems: readonly JdmProblem[] };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** RFC 6901 escaping, so ids with `/` or `~` still give a usable path. */
export function pointer(...segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** Parses and validates JDM text; the document is returned only when nothing is wrong. */
export function parseJdm(text: string): JdmParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problems: [{ path: '', code: 'JDM_INVALID_JSON', message: `Not valid JSON: ${detail}` }],
    };
  }
  return validateJdmValue(value);
}

/**
 * Validates an already parsed value (an HTTP body, a database JSON column). The document
 * returned is a copy, so later changes to the caller's value cannot change a hashed version.
 */
export function validateJdmValue(value: unknown): JdmParseResult {
  const problems = new Checker().document(value);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, document: structuredClone(value) as JdmDocument };
}

class Checker {
  private readonly problems: JdmProblem[] = [];
  /** Every node id, of any type, so that edges to a refused node are not reported twice. */
  private readonly nodeIds = new Set<string>();

  document(value: unknown): JdmProblem[] {
    if (!isObject(value)) {
      this.add('', 'JDM_WRONG_TYPE', 'The document should be a JSON object');
      return this.problems;
    }
    if (value.contentType !== undefined && value.contentType !== JDM_CONTENT_TYPE) {
      this.add('/contentType', 'JDM_BAD_VALUE', `contentType should be "${JDM_CONTENT_TYPE}"`);
    }
    const nodes = this.array(value, 'nodes', '');
    const edges = this.array(value, 'edges', '');
    const types = new Map<string, string>();
    nodes?.forEach((node, i) => this.node(node, pointer('nodes', i), types));
    if (nodes) this.nodeCounts(types);
    if (edges) this.edges(edges, types);
    return this.problems;
  }

  private add(path: string, code: JdmProblemCode, message: string) {
    this.problems.push({ path, code, message });
  }

  private array(parent: Json, key: string, at: string): unknown[] | undefined {
    const value = parent[key];
    if (value === undefined) this.add(`${at}/${key}`, 'JDM_REQUIRED', `${key} is required`);
    else if (!Array.isArray(value)) {
      this.add(`${at}/${key}`, 'JDM_WRONG_TYPE', `${key} should be an array`);
    } else return value as unknown[];
    return undefined;
  }

  private object(parent: Json, key: string, at: string): Json | undefined {
    const value = parent[key];
    if (value === undefined) this.add(`${at}/${key}`, 'JDM_REQUIRED', `${key} is required`);
    else if (!isObject(value)) {
      this.add(`${at}/${key}`, 'JDM_WRONG_TYPE', `${key} should be an object`);
    } else return value;
    return undefined;
  }

  /** A required string; `nonEmpty` for identifiers and paths the engine cannot do without. */
  private string(parent: Json, key: string, at: string, nonEmpty: boolean): string | undefined {
    const value = parent[key];
    if (value === undefined) this.add(`${at}/${key}`, 'JDM_REQUIRED', `${key} is required`);
    else if (typeof value !== 'string') {
      this.add(`${at}/${key}`, 'JDM_WRONG_TYPE', `${key} should be a string`);
    } else if (nonEmpty && value.trim() === '') {
      this.add(`${at}/${key}`, 'JDM_REQUIRED', `${key} should not be empty`);
    } else return value;
    return undefined;
  }

  private optional(
    parent: Json,
    key: string,
    at: string,
    test: (v: unknown) => boolean,
    what: string,
  ) {
    const value = parent[key];
    if (value !== undefined && !test(value)) {
      this.add(`${at}/${key}`, 'JDM_WRONG_TYPE', `${key} should be ${what}`);
    }
  }

  /** Reports each id seen twice within one scope (nodes, edges, a table's columns …). */
  private unique(seen: Set<string>, id: string | undefined, path: string, what: string) {
    if (id === undefined) return;
    if (seen.has(id)) this.add(path, 'JDM_DUPLICATE', `Another ${what} already has "${id}"`);
    seen.add(id);
  }

  private node(node: unknown, at: string, types: Map<string, string>) {
    if (!isObject(node)) {
      this.add(at, 'JDM_WRONG_TYPE', 'A node should be an object');
      return;
    }
    const id = this.string(node, 'id', at, true);
    this.unique(this.nodeIds, id, `${at}/id`, 'node id');
    this.string(node, 'name', at, false);
    const type = this.string(node, 'type', at, true);
    if (type === undefined) return;
    if (!(SUPPORTED_NODE_TYPES as readonly string[]).includes(type)) {
      this.add(
        `${at}/type`,
        'JDM_UNSUPPORTED_NODE',
        `Node type "${type}" is not allowed in a policy; use ${SUPPORTED_NODE_TYPES.join(', ')}`,
      );
      return;
    }
    if (id !== undefined && !types.has(id)) types.set(id, type);
    if (type === 'decisionTableNode') {
      const content = this.object(node, 'content', at);
      if (content) this.table(content, `${at}/content`);
    } else if (type === 'expressionNode') {
      const content = this.object(node, 'content', at);
      if (content) this.expressions(content, `${at}/content`);
    }
  }

  private transform(content: Json, at: string) {
    const stringOrNull = (v: unknown) => v === null || typeof v === 'string';
    this.optional(content, 'inputField', at, stringOrNull, 'a string or null');
    this.optional(content, 'outputPath', at, stringOrNull, 'a string or null');
    this.optional(content, 'passThrough', at, (v) => typeof v === 'boolean', 'true or false');
    const mode = content.executionMode;
    if (mode !== undefined && mode !== 'single' && mode !== 'loop') {
      this.add(
        `${at}/executionMode`,
        'JDM_BAD_VALUE',
        'executionMode should be "single" or "loop"',
      );
    }
  }

  private table(content: Json, at: string) {
    this.transform(content, at);
    const policy = content.hitPolicy;
    if (policy === undefined) this.add(`${at}/hitPolicy`, 'JDM_REQUIRED', 'hitPolicy is required');
    else if (policy !== 'first' && policy !== 'collect') {
      this.add(`${at}/hitPolicy`, 'JDM_BAD_VALUE', 'hitPolicy should be "first" or "collect"');
    }
    const columnIds = new Set<string>();
    const columns: string[] = [];
    const column = (value: unknown, path: string, output: boolean, fields: Set<string>) => {
      if (!isObject(value)) {
        this.add(path, 'JDM_WRONG_TYPE', 'A column should be an object');
        return;
      }
      const id = this.string(value, 'id', path, true);
      this.unique(columnIds, id, `${path}/id`, 'column of this table');
      if (id !== undefined) columns.push(id);
      this.string(value, 'name', path, false);
      if (output) {
        const field = this.string(value, 'field', path, true);
        this.unique(fields, field, `${path}/field`, 'output column of this table');
      } else {
        const field = value.field;
        if (field !== undefined && field !== null && typeof field !== 'string') {
          this.add(`${path}/field`, 'JDM_WRONG_TYPE', 'field should be a string or null');
        }
      }
    };
    const inputs = this.array(content, 'inputs', at);
    inputs?.forEach((input, i) => column(input, `${at}/inputs/${i}`, false, new Set()));
    const outputs = this.array(content, 'outputs', at);
    const outputFields = new Set<string>();
    outputs?.forEach((output, i) => column(output, `${at}/outputs/${i}`, true, outputFields));
    if (outputs?.length === 0) {
      this.add(`${at}/outputs`, 'JDM_REQUIRED', 'A decision table needs at least one output');
    }
    const rules = this.array(content, 'rules', at);
    const ruleIds = new Set<string>();
    rules?.forEach((rule, i) =>
      this.rule(rule, `${at}/rules/${i}`, [...new Set(columns)], ruleIds),
    );
  }

  private rule(rule: unknown, at: string, columns: readonly string[], ids: Set<string>) {
    if (!isObject(rule)) {
      this.add(at, 'JDM_WRONG_TYPE', 'A rule should be an object of column id to expression');
      return;
    }
    // The trace names a fired rule by `_id`: without a unique one, no decision can say why.
    const id = this.string(rule, '_id', at, true);
    this.unique(ids, id, `${at}/_id`, 'rule of this table');
    for (const [key, cell] of Object.entries(rule)) {
      if (typeof cell !== 'string' && key !== '_id') {
        this.add(`${at}${pointer(key)}`, 'JDM_WRONG_TYPE', 'A cell should be a string');
      }
    }
    for (const column of columns) {
      if (!(column in rule)) {
        this.add(
          `${at}${pointer(column)}`,
          'JDM_REQUIRED',
          `The rule has no cell for column "${column}" (the engine would never match it); use "" for any value`,
        );
      }
    }
  }

  private expressions(content: Json, at: string) {
    this.transform(content, at);
    const list = this.array(content, 'expressions', at);
    const ids = new Set<string>();
    list?.forEach((expression, i) => {
      const path = `${at}/expressions/${i}`;
      if (!isObject(expression)) {
        this.add(path, 'JDM_WRONG_TYPE', 'An expression should be an object');
        return;
      }
      this.unique(ids, this.string(expression, 'id', path, true), `${path}/id`, 'expression');
      this.string(expression, 'key', path, true);
      this.string(expression, 'value', path, true);
    });
  }

  private nodeCounts(types: ReadonlyMap<string, string>) {
    const count = (type: string) => [...types.values()].filter((t) => t === type).length;
    if (count('inputNode') !== 1) {
      this.add('/nodes', 'JDM_NODE_COUNT', 'A decision needs exactly one input node');
    }
    if (count('outputNode') === 0) {
      this.add('/nodes', 'JDM_NODE_COUNT', 'A decision needs at least one output node');
    }
  }

  private edges(edges: readonly unknown[], types: ReadonlyMap<string, string>) {
    const ids = new Set<string>();
    const next = new Map<string, string[]>();
    edges.forEach((edge, i) => {
      const at = pointer('edges', i);
      if (!isObject(edge)) {
        this.add(at, 'JDM_WRONG_TYPE', 'An edge should be an object');
        return;
      }
      this.unique(ids, this.string(edge, 'id', at, true), `${at}/id`, 'edge id');
      this.optional(
        edge,
        'sourceHandle',
        at,
        (v) => v === null || typeof v === 'string',
        'a string or null',
      );
      const source = this.endpoint(edge, 'sourceId', at, types);
      const target = this.endpoint(edge, 'targetId', at, types);
      if (source === undefined || target === undefined) return;
      if (types.get(source) === 'outputNode') {
        this.add(`${at}/sourceId`, 'JDM_BAD_EDGE', 'An edge cannot leave an output node');
      }
      if (types.get(target) === 'inputNode') {
        this.add(`${at}/targetId`, 'JDM_BAD_EDGE', 'An edge cannot enter the input node');
      }
      next.set(source, [...(next.get(source) ?? []), target]);
    });
    const cycle = findCycle(next);
    if (cycle) {
      this.add('/edges', 'JDM_CYCLE', `The edges form a cycle: ${cycle.join(' → ')}`);
    }
  }

  private endpoint(edge: Json, key: string, at: string, types: ReadonlyMap<string, string>) {
    const id = this.string(edge, key, at, true);
    if (id === undefined) return undefined;
    if (!types.has(id) && !this.nodeIds.has(id)) {
      this.add(`${at}/${key}`, 'JDM_UNKNOWN_NODE', `No node has the id "${id}"`);
      return undefined;
    }
    return id;
  }
}

/** One cycle of the graph as node ids (first repeated last), or undefined. */
function findCycle(next: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    state.set(node, 'open');
    stack.push(node);
    for (const target of next.get(node) ?? []) {
      const seen = state.get(target);
      if (seen === 'open') return [...stack.slice(stack.indexOf(target)), target];
      if (seen === undefined) {
        const found = visit(target);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of next.keys()) {
    if (state.has(node)) continue;
    const found = visit(node);
    if (found) return found;
  }
  return undefined;
}

/**
 * Deterministic JSON: object keys sorted by code unit, no whitespace, arrays in order (the
 * order of rules is meaningful under the `first` hit policy). Two documents that are the
 * same JSON value give the same text whatever their key order or formatting, so the hash
 * names the content, not the editor's way of writing it.
 */
export function canonicalJdm(document: JdmDocument): string {
  return canonicalJson(document);
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('JSON has no non-finite numbers');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    // Built as text, not as a sorted object: a `__proto__` key must stay a plain key.
    const entries = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`);
    return `{${entries.join(',')}}`;
  }
  throw new TypeError(`A ${typeof value} has no JSON form`);
}

/** The version's identity: SHA-256 of the canonical text, lower-case hex. */
export function jdmHash(document: JdmDocument): string {
  return createHash('sha256').update(canonicalJdm(document), 'utf8').digest('hex');
}

/** Every decision table of the document with its node, in document order. */
export function decisionTables(document: JdmDocument): JdmDecisionTableNode[] {
  return document.nodes.filter(
    (node): node is JdmDecisionTableNode => node.type === 'decisionTableNode',
  );
}
