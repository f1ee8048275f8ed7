/**
 * A thin wrapper over the GoRules ZEN engine (`@gorules/zen-engine`, a native module):
 * decisions are compiled once and kept by content hash, every evaluation runs with the
 * engine's trace on, and the trace is turned into the list of rules that fired, which the
 * decision record stores with the rule version's hash.
 *
 * Evaluation itself is pure (no I/O): the engine has no loader here, so a graph cannot pull
 * in another decision, and `parseJdm` refuses node types that run code.
 */
import {
  ZenDecisionContent,
  ZenEngine,
  evaluateExpressionSync,
  evaluateUnaryExpressionSync,
  type ZenDecision,
  type ZenEngineTrace,
} from '@gorules/zen-engine';
import {
  decisionTables,
  jdmHash,
  parseJdm,
  pointer,
  validateJdmValue,
  type JdmDecisionTable,
  type JdmDocument,
  type JdmParseResult,
  type JdmProblem,
} from './jdm.js';
import { inputAsRead, membersReadBy } from './input-reads.js';

export interface FiredRule {
  /** The decision table node's id. */
  readonly node: string;
  /** The rule's `_id`. */
  readonly ruleId: string;
  /** The row's outputs by output field (`decision`, `terms.rateBp` …); blank cells left out. */
  readonly outputs: Record<string, unknown>;
}

export interface Evaluation {
  /** The hash of the decision evaluated. */
  readonly hash: string;
  readonly result: unknown;
  /** Fired rules in execution order: node by node, row by row. */
  readonly trace: FiredRule[];
}

export class RulesEvaluationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RulesEvaluationError';
  }
}

export class UnknownDecisionError extends Error {
  readonly hash: string;

  constructor(hash: string) {
    super(`No decision with hash ${hash} is loaded`);
    this.name = 'UnknownDecisionError';
    this.hash = hash;
  }
}

export interface RulesEngineOptions {
  /** Compiled decisions kept, least recently used dropped first. */
  readonly maxDecisions?: number;
  /** Fetches a stored version by hash when `evaluate` is given one not yet loaded. */
  readonly loader?: (hash: string) => Promise<JdmDocument | undefined>;
}

interface Loaded {
  readonly document: JdmDocument;
  readonly decision: ZenDecision;
  readonly reads: (field: string) => Set<string> | null;
}

export class RulesEngine {
  private readonly zen = new ZenEngine();
  private readonly cache = new Map<string, Loaded>();
  private readonly loading = new Map<string, Promise<Loaded>>();
  private readonly maxDecisions: number;
  private readonly loader: RulesEngineOptions['loader'];
  private disposed = false;

  constructor(options: RulesEngineOptions = {}) {
    this.maxDecisions = options.maxDecisions ?? 256;
    this.loader = options.loader;
  }

  /** Compiles the document unless a decision with the same content is loaded; its hash. */
  load(document: JdmDocument): string {
    return this.compile(document, jdmHash(document)).hash;
  }

  has(hash: string): boolean {
    return this.cache.has(hash);
  }

  /** The number of compiled decisions held. */
  get size(): number {
    return this.cache.size;
  }

  async evaluate(decision: JdmDocument | string, input: object): Promise<Evaluation> {
    const { hash, loaded } =
      typeof decision === 'string'
        ? { hash: decision, loaded: await this.byHash(decision) }
        : this.compile(decision, jdmHash(decision));
    let response;
    try {
      // 'string': the engine serialises the trace itself; one JSON.parse is cheaper than
      // the native layer building every node's input and output as JavaScript objects.
      response = await loaded.decision.evaluate(inputAsRead(input, loaded.reads), {
        trace: 'string',
      });
    } catch (error) {
      throw new RulesEvaluationError(`Decision ${hash} failed: ${zenMessage(error)}`, {
        cause: error,
      });
    }
    const trace: unknown = response.trace;
    const steps = (typeof trace === 'string' ? JSON.parse(trace) : (trace ?? {})) as Record<
      string,
      ZenEngineTrace
    >;
    return { hash, result: response.result, trace: firedRules(loaded.document, steps) };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.cache.clear();
    this.zen.dispose();
  }

  private compile(document: JdmDocument, hash: string): { hash: string; loaded: Loaded } {
    this.assertLive();
    const cached = this.cache.get(hash);
    if (cached) {
      // Re-inserted so that Map order is least recently used first.
      this.cache.delete(hash);
      this.cache.set(hash, cached);
      return { hash, loaded: cached };
    }
    // A document passed in may be the caller's object: keep our own copy with the decision.
    const own = structuredClone(document);
    let decision;
    try {
      // Through ZenDecisionContent the graph is compiled once, not on every evaluation.
      decision = this.zen.createDecision(new ZenDecisionContent(own));
    } catch (error) {
      throw new RulesEvaluationError(`Decision ${hash} does not compile: ${zenMessage(error)}`, {
        cause: error,
      });
    }
    const loaded = { document: own, decision, reads: membersReadBy(own) };
    this.cache.set(hash, loaded);
    for (const oldest of this.cache.keys()) {
      if (this.cache.size <= this.maxDecisions) break;
      this.cache.delete(oldest);
    }
    return { hash, loaded };
  }

  private async byHash(hash: string): Promise<Loaded> {
    const cached = this.cache.get(hash);
    if (cached) return this.compile(cached.document, hash).loaded;
    if (!this.loader) throw new UnknownDecisionError(hash);
    let pending = this.loading.get(hash);
    if (!pending) {
      pending = this.fetch(hash, this.loader).finally(() => this.loading.delete(hash));
      this.loading.set(hash, pending);
    }
    return pending;
  }

  private async fetch(hash: string, loader: NonNullable<RulesEngineOptions['loader']>) {
    const document = await loader(hash);
    if (!document) throw new UnknownDecisionError(hash);
    // The hash is the version's identity in decision records: a stored document that no
    // longer hashes to it has been altered, and evaluating it would misstate what ran.
    const actual = jdmHash(document);
    if (actual !== hash) {
      throw new RulesEvaluationError(`The document stored as ${hash} hashes to ${actual}`);
    }
    return this.compile(document, hash).loaded;
  }

  private assertLive() {
    if (this.disposed) throw new Error('The rules engine has been disposed');
  }
}

/** The engine's errors are JSON text followed by a native backtrace; keep the JSON line. */
function zenMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

type RowTrace = { readonly index?: unknown; readonly rule?: unknown };

/**
 * The engine's trace is keyed by node id; a decision table's `traceData` is one row trace
 * (`first`) or a list of them (`collect`, or `loop` mode), each with the rule's `index` in
 * the table and its cells (`rule._id`). The node's `output` holds the rows' outputs in the
 * same order as the row traces, under `outputPath` when one is set.
 */
function firedRules(document: JdmDocument, trace: Record<string, ZenEngineTrace>): FiredRule[] {
  const tables = new Map(decisionTables(document).map((node) => [node.id, node.content]));
  const fired: FiredRule[] = [];
  const steps = Object.values(trace).sort((a, b) => a.order - b.order);
  for (const step of steps) {
    const table = tables.get(step.id);
    if (!table) continue;
    const data: unknown = step.traceData;
    const rows = (Array.isArray(data) ? data : data ? [data] : []) as RowTrace[];
    const outputs = rowOutputs(table, step.output);
    rows.forEach((row, position) => {
      const index = typeof row.index === 'number' ? row.index : -1;
      const rule = table.rules[index];
      const tracedId = (row.rule as { _id?: unknown } | undefined)?._id;
      const ruleId = rule?._id ?? (typeof tracedId === 'string' ? tracedId : `#${index}`);
      const output = outputs.length === rows.length ? outputs[position] : undefined;
      fired.push({ node: step.id, ruleId, outputs: pickOutputs(table, rule, output) });
    });
  }
  return fired;
}

function rowOutputs(table: JdmDecisionTable, output: unknown): unknown[] {
  const at = table.outputPath ? valueAt(output, table.outputPath) : output;
  const many = table.hitPolicy === 'collect' || table.executionMode === 'loop';
  if (!many) return at === null || at === undefined ? [] : [at];
  if (!Array.isArray(at)) return [];
  // In loop mode each item gives a row (first) or a list of rows (collect); no match is null.
  return at.flatMap((item: unknown) =>
    Array.isArray(item) ? (item as unknown[]) : item === null ? [] : [item],
  );
}

function pickOutputs(
  table: JdmDecisionTable,
  rule: Readonly<Record<string, string | undefined>> | undefined,
  output: unknown,
): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  if (!rule || output === undefined) return picked;
  for (const column of table.outputs) {
    if ((rule[column.id] ?? '').trim() === '') continue;
    picked[column.field] = valueAt(output, column.field) ?? null;
  }
  return picked;
}

function valueAt(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

const SYNTAX_ERRORS = new Set(['lexerError', 'parserError', 'compilerError']);

/**
 * The engine skips a table row whose cell fails, parse errors included: a typo in a
 * decline rule would silently never decline. So every cell, field and expression is
 * compiled here against an empty context; errors of evaluation (a missing value) are
 * expected there and ignored, lexer, parser and compiler errors are reported.
 */
export function checkExpressions(document: JdmDocument): JdmProblem[] {
  const problems: JdmProblem[] = [];
  const check = (source: string, unary: boolean, path: string) => {
    if (source.trim() === '') return;
    try {
      if (unary) evaluateUnaryExpressionSync(source, { $: null });
      else evaluateExpressionSync(source, {});
    } catch (error) {
      const detail = syntaxError(error);
      if (detail !== undefined) {
        problems.push({ path, code: 'JDM_EXPRESSION_SYNTAX', message: `${detail}: ${source}` });
      }
    }
  };
  document.nodes.forEach((node, n) => {
    if (node.type === 'decisionTableNode') {
      const { inputs, outputs, rules } = node.content;
      inputs.forEach((input, i) => {
        if (input.field)
          check(input.field, false, pointer('nodes', n, 'content', 'inputs', i, 'field'));
      });
      rules.forEach((rule, r) => {
        const at = (id: string) => pointer('nodes', n, 'content', 'rules', r, id);
        for (const input of inputs) check(rule[input.id] ?? '', Boolean(input.field), at(input.id));
        for (const output of outputs) check(rule[output.id] ?? '', false, at(output.id));
      });
    } else if (node.type === 'expressionNode') {
      node.content.expressions.forEach((expression, e) => {
        check(expression.value, false, pointer('nodes', n, 'content', 'expressions', e, 'value'));
      });
    }
  });
  return problems;
}

function syntaxError(error: unknown): string | undefined {
  try {
    const parsed = JSON.parse(zenMessage(error)) as { type?: unknown; source?: unknown };
    if (typeof parsed.type === 'string' && SYNTAX_ERRORS.has(parsed.type)) {
      return typeof parsed.source === 'string' ? parsed.source : parsed.type;
    }
  } catch {
    // Not the engine's JSON error: not a syntax error we can name.
  }
  return undefined;
}

/** `parseJdm` and then the expression check: what an upload must pass before it is stored. */
export function validateJdm(text: string): JdmParseResult {
  return withExpressions(parseJdm(text));
}

export function validateJdmDocument(value: unknown): JdmParseResult {
  return withExpressions(validateJdmValue(value));
}

function withExpressions(parsed: JdmParseResult): JdmParseResult {
  if (!parsed.ok) return parsed;
  const problems = checkExpressions(parsed.document);
  return problems.length > 0 ? { ok: false, problems } : parsed;
}
