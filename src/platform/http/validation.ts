import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { FieldProblem } from '../errors.js';

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const common: Options = {
  allErrors: true,
  removeAdditional: false,
  useDefaults: true,
  strict: false,
  // Keyword-bearing objects that carry TypeBox metadata are fine; unknown formats are not.
  validateFormats: true,
};

/**
 * `date-time` as JSON Schema defines it (RFC 3339) and as the code can use it: RFC 3339 allows
 * a leap second (`23:59:60`) and ajv-formats an hour-only offset (`+08`), which `new Date()`
 * turns into an Invalid Date. Such values are format errors here rather than NaN downstream.
 */
function parseableDateTime(ajv: Ajv): Ajv {
  const standard = ajv.formats['date-time'];
  const matches = (value: string): boolean => {
    if (standard instanceof RegExp) return standard.test(value);
    if (typeof standard === 'function') return standard(value);
    if (standard && typeof standard === 'object' && 'validate' in standard) {
      const check = standard.validate;
      if (check instanceof RegExp) return check.test(value);
      if (typeof check === 'function') return (check as (v: string) => boolean)(value);
    }
    throw new Error('ajv-formats did not register date-time');
  };
  return ajv.addFormat('date-time', {
    type: 'string',
    validate: (value: string) => matches(value) && !Number.isNaN(Date.parse(value)),
  });
}

// Bodies are JSON: a wrong type is an error, never silently coerced. Query strings and path
// parameters are text, so numbers and booleans there are coerced.
const bodyAjv = parseableDateTime(addFormats(new Ajv({ ...common, coerceTypes: false })));
const textAjv = parseableDateTime(addFormats(new Ajv({ ...common, coerceTypes: 'array' })));

export function addSharedSchema(schema: { $id: string }) {
  bodyAjv.addSchema(schema);
  textAjv.addSchema(schema);
}

/** The ajv-style instance paths of every string (or key) in `data` holding U+0000. */
function nulCharacterPaths(data: unknown): string[] {
  const found: string[] = [];
  // Iterative, so that deeply nested JSON cannot overflow the stack.
  const pending: [unknown, string][] = [[data, '']];
  const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [value, path] = next;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) found.push(path);
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push([item, `${path}/${index}`]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes('\u0000')) found.push(`${path}/${escape(key)}`);
        else pending.push([item, `${path}/${escape(key)}`]);
      }
    }
  }
  return found.sort();
}

/**
 * Compiles a route schema, and refuses U+0000 in any string besides: no schema allows it on
 * purpose, PostgreSQL cannot store it in text or jsonb, and left in it fails deep in a query.
 */
export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : textAjv;
  const validate = ajv.compile(schema);
  const checked = (data: unknown, dataContext?: Parameters<ValidateFunction>[1]): boolean => {
    if (!validate(data, dataContext)) {
      checked.errors = validate.errors ?? null;
      return false;
    }
    const paths = nulCharacterPaths(data);
    checked.errors = paths.length
      ? paths.map((instancePath) => ({
          keyword: 'nulCharacter',
          instancePath,
          schemaPath: '#',
          params: {},
          message: 'must not contain U+0000',
        }))
      : null;
    return paths.length === 0;
  };
  checked.errors = null as ErrorObject[] | null;
  // Fastify passes the parent data (letting ajv coerce a root value) when it sees this.
  return Object.assign(checked, { schemaEnv: validate.schemaEnv });
};

const PART_PREFIX: Record<string, string> = {
  body: '',
  querystring: 'query',
  params: 'params',
  headers: 'headers',
};

function joinPath(prefix: string, instancePath: string, child?: string): string {
  const segments = instancePath.split('/').filter(Boolean);
  if (child !== undefined) segments.push(child);
  if (prefix) segments.unshift(prefix);
  return segments.join('.') || prefix || '(body)';
}

function problemOf(error: ErrorObject, prefix: string): FieldProblem {
  const p = error.params as Record<string, unknown>;
  const at = (child?: string) => joinPath(prefix, error.instancePath, child);
  switch (error.keyword) {
    case 'required':
      return { path: at(String(p.missingProperty)), code: 'required' };
    case 'additionalProperties':
      return { path: at(String(p.additionalProperty)), code: 'additional_property' };
    case 'type':
      return { path: at(), code: 'type', params: { expected: String(p.type) } };
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
    case 'minimum':
    case 'maximum': {
      const code = error.keyword.replace(/[A-Z]/, (c) => `_${c.toLowerCase()}`);
      return { path: at(), code, params: { limit: Number(p.limit) } };
    }
    case 'uniqueItems':
      return { path: at(), code: 'unique_items' };
    case 'format':
      return { path: at(), code: 'format', params: { format: String(p.format) } };
    case 'pattern':
      return { path: at(), code: 'pattern' };
    case 'enum':
      return {
        path: at(),
        code: 'enum',
        params: { allowed: (p.allowedValues as unknown[]).map(String).join(', ') },
      };
    case 'const':
      return { path: at(), code: 'enum', params: { allowed: String(p.allowedValue) } };
    default:
      return { path: at(), code: 'invalid' };
  }
}

/**
 * Turns ajv's errors into one problem per field. Where a union failed (`anyOf`, `oneOf`) and
 * some branch had the value's type (a string for a nullable uuid), that branch's own problems
 * are reported (`format`); where no branch had it, one `type` problem names every accepted type.
 */
export function fieldProblems(errors: readonly ErrorObject[], httpPart: string): FieldProblem[] {
  const prefix = PART_PREFIX[httpPart] ?? httpPart;
  const unions = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const unionPaths = new Set(unions.map((e) => e.instancePath));
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const push = (problem: FieldProblem) => {
    const key = `${problem.path}|${problem.code}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  };
  for (const union of unions) {
    const inBranch = (e: ErrorObject) => e.schemaPath.startsWith(`${union.schemaPath}/`);
    const branchOf = (e: ErrorObject) =>
      e.schemaPath.slice(union.schemaPath.length + 1).split('/')[0] ?? '';
    const branchErrors = errors.filter((e) => e !== union && inBranch(e));
    const here = branchErrors.filter((e) => e.instancePath === union.instancePath);
    const wrongType = new Set(here.filter((e) => e.keyword === 'type').map(branchOf));
    const typed = new Set(branchErrors.map(branchOf).filter((branch) => !wrongType.has(branch)));
    if (typed.size > 0) {
      // Errors below this path are reported by the loop further down.
      for (const error of here) if (typed.has(branchOf(error))) push(problemOf(error, prefix));
      continue;
    }
    const expected = here
      .filter((e) => e.keyword === 'type')
      .map((e) => String((e.params as { type: string }).type));
    push({
      path: joinPath(prefix, union.instancePath),
      code: expected.length ? 'type' : 'invalid',
      params: { expected: [...new Set(expected)].join(' | ') },
    });
  }
  for (const error of errors) {
    if (unionPaths.has(error.instancePath)) continue;
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf') continue;
    push(problemOf(error, prefix));
  }
  return problems;
}
