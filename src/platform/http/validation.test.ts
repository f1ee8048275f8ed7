import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { StrictObject, Nullable } from './schemas.js';
import { fieldProblems } from './validation.js';
import { Type } from 'typebox';

const ajv = new Ajv({ allErrors: true, strict: false });
const schema = StrictObject({
  name: Type.String({ maxLength: 3 }),
  count: Type.Integer({ minimum: 1 }),
  note: Type.Optional(Nullable(Type.String())),
  tags: Type.Optional(Type.Array(Type.String(), { maxItems: 1 })),
});
const validate = ajv.compile(schema);

function problemsOf(value: unknown, part = 'body') {
  expect(validate(value)).toBe(false);
  return fieldProblems(validate.errors ?? [], part);
}

describe('fieldProblems', () => {
  it('names missing, extra and oversize fields by path', () => {
    expect(problemsOf({ name: 'abcd', extra: 1 })).toEqual([
      { path: 'count', code: 'required' },
      { path: 'extra', code: 'additional_property' },
      { path: 'name', code: 'max_length', params: { limit: 3 } },
    ]);
  });

  it('folds a failed union into one type problem', () => {
    expect(problemsOf({ name: 'a', count: 1, note: 5 })).toEqual([
      { path: 'note', code: 'type', params: { expected: 'string | null' } },
    ]);
  });

  it('prefixes query and path parameters and indexes arrays', () => {
    expect(problemsOf({ name: 'a', count: 0 }, 'querystring')).toEqual([
      { path: 'query.count', code: 'minimum', params: { limit: 1 } },
    ]);
    expect(problemsOf({ name: 'a', count: 1, tags: [1, 'b'] })).toEqual([
      { path: 'tags', code: 'max_items', params: { limit: 1 } },
      { path: 'tags.0', code: 'type', params: { expected: 'string' } },
    ]);
  });

  it('reports a body of the wrong type', () => {
    expect(problemsOf([1])).toEqual([
      { path: '(body)', code: 'type', params: { expected: 'object' } },
    ]);
  });
});
