import { Ajv, type ErrorObject, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { FieldProblem } from '../platform/errors.js';

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

// Bodies are JSON: a wrong type is an error, never silently coerced. Query strings and path
// parameters are text, so numbers and booleans there are coerced.
const bodyAjv = addFormats(new Ajv({ ...common, coerceTypes: false }));
const textAjv = addFormats(new Ajv({ ...common, coerceTypes: 'array' }));

export function addSharedSchema(schema: { $id: string }) {
  bodyAjv.addSchema(schema);
  textAjv.addSchema(schema);
}

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : textAjv;
  return ajv.compile(schema);
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
 * Turns ajv's errors into one problem per field. Where a union failed (`anyOf`), the
 * branches' own errors are folded into one `type` problem naming every accepted type.
 */
export function fieldProblems(errors: readonly ErrorObject[], httpPart: string): FieldProblem[] {
  const prefix = PART_PREFIX[httpPart] ?? httpPart;
  const unionPaths = new Set(
    errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath),
  );
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const push = (problem: FieldProblem) => {
    const key = `${problem.path}|${problem.code}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  };
  for (const path of unionPaths) {
    const expected = errors
      .filter((e) => e.instancePath === path && e.keyword === 'type')
      .map((e) => String((e.params as { type: string }).type));
    push({
      path: joinPath(prefix, path),
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
