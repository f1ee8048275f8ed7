import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildResidentId, buildUscc } from '../../src/demo/seed.js';
import { usccCheckCharacter } from '../../src/registry/identifiers.js';
import { errorOf, startTestApp, type ErrorJson, type TestApp } from '../helpers/app.js';

/*
 * Sends malformed input to every route of the app's own OpenAPI document and requires a 4xx
 * with the error body for each: never a 5xx, never a bare framework error. The routes and the
 * malformed requests are derived from the document's schemas, so a new route is covered as
 * soon as it is registered with a schema.
 */

// ---------------------------------------------------------------------------------------------
// The parts of an OpenAPI 3.1 document this test reads
// ---------------------------------------------------------------------------------------------

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  $ref?: string;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

// ---------------------------------------------------------------------------------------------
// Callers and cases
// ---------------------------------------------------------------------------------------------

type Who = 'operator' | 'borrower' | 'provider' | 'anonymous';
type Language = 'zh' | 'en';

interface Caller {
  readonly who: Who;
  readonly headers: Record<string, string>;
  /** The language the caller's Accept-Language asks for. */
  readonly language: Language;
}

interface Expectation {
  readonly status?: number | readonly number[];
  readonly code?: string;
  /** A field entry that must be present (its code too, when given). */
  readonly field?: { readonly path: string; readonly code?: string };
}

interface Case {
  /** `METHOD /template`, as in the OpenAPI document. */
  readonly route: string;
  readonly name: string;
  readonly method: string;
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly payload?: string | Buffer;
  /** Carries its own (bad) credentials: sent once, not once per caller. */
  readonly ownCredentials?: boolean;
  /** Checks beyond "a 4xx with the error body": for every caller, and per caller. */
  readonly expect?: Expectation;
  readonly expectFor?: Partial<Record<Who, Expectation>>;
  /**
   * Well-formed by the schema but odd (900 KB of free text where no maxLength is set): a 2xx
   * is acceptable, a 5xx never.
   */
  readonly mayPass?: boolean;
}

const VALIDATION = (path: string, code?: string): Expectation => ({
  status: 400,
  code: 'VALIDATION_FAILED',
  field: { path, ...(code ? { code } : {}) },
});

// ---------------------------------------------------------------------------------------------
// Identifiers: every kind of invalid USCC and resident ID, with the field code it must give
// ---------------------------------------------------------------------------------------------

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** A valid USCC that is not registered (the demo seeds others); the base of the variants. */
const UNKNOWN_USCC = buildUscc('9', '1', '310115', 'MA1K2L3M');
/** A valid resident ID of nobody registered. */
const UNKNOWN_RESIDENT_ID = buildResidentId('310115', '19880808', '016');
/** Valid identifiers that no request of this file ever registers, to look up as unknown. */
const NEVER_REGISTERED_USCC = buildUscc('9', '1', '440305', 'MA7PQ8R9');
const NEVER_REGISTERED_RESIDENT_ID = buildResidentId('440305', '19770707', '027');

function otherCharacter(char: string, alphabet: string): string {
  return alphabet.charAt((alphabet.indexOf(char) + 1) % alphabet.length);
}

function usccWithBadOrganisationCode(): string {
  const ninth = UNKNOWN_USCC.charAt(16);
  const first17 = UNKNOWN_USCC.slice(0, 16) + otherCharacter(ninth, '0123456789X');
  return first17 + usccCheckCharacter(first17);
}

const USCC_VARIANTS: readonly [string, string, string][] = [
  ['17 characters', UNKNOWN_USCC.slice(0, 17), 'USCC_LENGTH'],
  ['19 characters', `${UNKNOWN_USCC}1`, 'USCC_LENGTH'],
  ['15-character business licence number', '110108012345678', 'USCC_LENGTH'],
  ['letter I', `${UNKNOWN_USCC.slice(0, 9)}I${UNKNOWN_USCC.slice(10)}`, 'USCC_CHARSET'],
  ['punctuation', `${UNKNOWN_USCC.slice(0, 17)}!`, 'USCC_CHARSET'],
  ['Chinese characters', '统一社会信用代码统一社会信用代码一二', 'USCC_CHARSET'],
  [
    'bad registration authority',
    buildUscc('B', '1', '310115', 'MA1K2L3M'),
    'USCC_REGISTRATION_AUTHORITY',
  ],
  ['bad entity type', buildUscc('9', '4', '310115', 'MA1K2L3M'), 'USCC_ENTITY_TYPE'],
  ['unknown region', buildUscc('9', '1', '999999', 'MA1K2L3M'), 'USCC_REGION'],
  ['bad organisation-code check', usccWithBadOrganisationCode(), 'USCC_ORGANISATION_CODE'],
  [
    'bad check character',
    UNKNOWN_USCC.slice(0, 17) + otherCharacter(UNKNOWN_USCC.charAt(17), USCC_ALPHABET),
    'USCC_CHECK_CHARACTER',
  ],
];

const RESIDENT_ID_VARIANTS: readonly [string, string, string][] = [
  ['17 digits', UNKNOWN_RESIDENT_ID.slice(0, 17), 'RESIDENT_ID_LENGTH'],
  ['15-digit first generation', '310115880808016', 'RESIDENT_ID_LENGTH'],
  ['19 digits', `${UNKNOWN_RESIDENT_ID}0`, 'RESIDENT_ID_LENGTH'],
  ['letter at the end', `${UNKNOWN_RESIDENT_ID.slice(0, 17)}A`, 'RESIDENT_ID_CHARSET'],
  ['X in the middle', `3101158808X8016${UNKNOWN_RESIDENT_ID.slice(15)}`, 'RESIDENT_ID_CHARSET'],
  ['unknown region', buildResidentId('999999', '19880808', '016'), 'RESIDENT_ID_REGION'],
  ['region 000000', buildResidentId('000000', '19880808', '016'), 'RESIDENT_ID_REGION'],
  ['30 February', buildResidentId('310115', '19880230', '016'), 'RESIDENT_ID_DATE'],
  ['month 13', buildResidentId('310115', '19881301', '016'), 'RESIDENT_ID_DATE'],
  ['born before 1900', buildResidentId('310115', '18991231', '016'), 'RESIDENT_ID_DATE'],
  ['born in the future', buildResidentId('310115', '20991231', '016'), 'RESIDENT_ID_DATE'],
  [
    'bad check digit',
    UNKNOWN_RESIDENT_ID.slice(0, 17) +
      otherCharacter(UNKNOWN_RESIDENT_ID.charAt(17), '0123456789X'),
    'RESIDENT_ID_CHECK_CHARACTER',
  ],
];

/**
 * Fields (body or path) that hold identifiers, by name: their invalid variants, a valid but
 * unregistered value, and what else a body needs for the identifier to be the one checked.
 */
const IDENTIFIERS: Record<
  string,
  {
    variants: readonly [string, string, string][];
    unknown: string;
    bodyHints: Record<string, unknown>;
  }
> = {
  uscc: {
    variants: USCC_VARIANTS,
    unknown: NEVER_REGISTERED_USCC,
    bodyHints: { subjectKind: 'enterprise' },
  },
  idNumber: {
    variants: RESIDENT_ID_VARIANTS,
    unknown: NEVER_REGISTERED_RESIDENT_ID,
    bodyHints: { subjectKind: 'person' },
  },
};

// ---------------------------------------------------------------------------------------------
// Valid values from schemas (so that a case breaks exactly one thing)
// ---------------------------------------------------------------------------------------------

let document: OpenApiDocument;

function resolve(schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = document.components?.schemas?.[name];
  if (!target) throw new Error(`unresolved $ref ${schema.$ref}`);
  return resolve(target);
}

/** The JSON types a schema accepts (`integer` is also a `number`). */
function typesOf(raw: JsonSchema): Set<string> {
  const schema = resolve(raw);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return new Set(union.flatMap((branch) => [...typesOf(branch)]));
  if (schema.const !== undefined) return new Set([jsonType(schema.const)]);
  if (schema.enum) return new Set(schema.enum.map(jsonType));
  if (schema.type === undefined) return new Set(['any']);
  return new Set(Array.isArray(schema.type) ? schema.type : [schema.type]);
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The one non-null branch of a nullable union, or the schema itself. */
function mainBranch(raw: JsonSchema): JsonSchema {
  const schema = resolve(raw);
  const union = schema.anyOf ?? schema.oneOf;
  if (!union) return schema;
  const branch = union.map(resolve).find((b) => !(b.type === 'null' && b.enum === undefined));
  return branch ?? schema;
}

/** Realistic values for fields whose validity depends on the data (references, identifiers). */
let fieldSamples: Record<string, unknown> = {};

const STRING_CANDIDATES = [
  'probe-1',
  'Probe name',
  '110108',
  '13800138000',
  'ab',
  '2026-01',
  '2026-01-15',
  '1',
  '0'.repeat(64),
  'decided',
];

function sampleString(schema: JsonSchema, name: string): string {
  if (schema.format === 'uuid') return randomUUID();
  if (schema.format === 'date-time') return new Date(Date.now() + 30 * 86_400_000).toISOString();
  if (schema.format) throw new Error(`no sample for format ${schema.format} (${name})`);
  const fits = (value: string) =>
    value.length >= (schema.minLength ?? 0) &&
    value.length <= (schema.maxLength ?? Infinity) &&
    (!schema.pattern || new RegExp(schema.pattern, 'u').test(value));
  const found = [...STRING_CANDIDATES, 'a'.repeat(Math.max(schema.minLength ?? 1, 1))].find(fits);
  if (found === undefined) {
    throw new Error(`no valid sample for ${name} (/${schema.pattern}/); add one to fieldSamples`);
  }
  return found;
}

function sample(raw: JsonSchema, name: string): unknown {
  if (name in fieldSamples) return fieldSamples[name];
  const schema = mainBranch(raw);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const type = (Array.isArray(schema.type) ? schema.type[0] : schema.type) ?? 'unspecified';
  switch (type) {
    case 'string':
      return sampleString(schema, name);
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array': {
      const items = resolve(schema.items ?? {});
      const count = Math.max(schema.minItems ?? 1, 1);
      if (items.enum) return items.enum.slice(0, count);
      return Array.from({ length: count }, () => sample(items, `${name}[]`));
    }
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, value]) => [key, sample(value, key)]),
      );
    default:
      throw new Error(`no sample for ${name}: ${JSON.stringify(schema)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Case generation
// ---------------------------------------------------------------------------------------------

const JSON_HEADERS = { 'content-type': 'application/json' };
const TWO_MB = 2 * 1024 * 1024;
/** U+0000: PostgreSQL cannot store it in text or jsonb, so every route must refuse it. */
const NUL_TEXT = 'probe\u0000value';

const WRONG_TYPE_SAMPLES: readonly (readonly [string, unknown])[] = [
  ['string', 'text'],
  ['integer', 42],
  ['number', 1.5],
  ['boolean', true],
  ['null', null],
  ['object', { probe: 1 }],
  ['array', ['probe']],
];

function wrongTypeValues(schema: JsonSchema): (readonly [string, unknown])[] {
  const accepted = typesOf(schema);
  if (accepted.has('any')) return [];
  return WRONG_TYPE_SAMPLES.filter(
    ([type]) => !accepted.has(type) && !(type === 'integer' && accepted.has('number')),
  );
}

/** A string that breaks a pattern (and nothing else when possible). */
function patternBreaker(schema: JsonSchema): string | undefined {
  if (!schema.pattern) return undefined;
  const pattern = new RegExp(schema.pattern, 'u');
  return ['!!bad value!!', 'ä ö', '-', ' ', '0'].find((value) => !pattern.test(value));
}

function fillPath(template: string, values: Record<string, string>, raw = false): string {
  return template.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const value = values[name] ?? '';
    return raw ? value : encodeURIComponent(value);
  });
}

function queryString(entries: readonly [string, string][]): string {
  if (entries.length === 0) return '';
  return `?${entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
}

interface RouteShape {
  readonly path: string;
  readonly method: string;
  readonly route: string;
  readonly pathParams: Parameter[];
  readonly queryParams: Parameter[];
  readonly body: JsonSchema | undefined;
}

function routeShapes(): RouteShape[] {
  const shapes: RouteShape[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    // The /docs routes serve the Swagger UI's static files and this very document; they take no
    // input of their own (and @fastify/swagger hides them from the document anyway).
    if (path === '/docs' || path.startsWith('/docs/')) continue;
    for (const [method, operation] of Object.entries(operations)) {
      const upper = method.toUpperCase();
      if (!(HTTP_METHODS as readonly string[]).includes(upper)) continue;
      const parameters = operation.parameters ?? [];
      shapes.push({
        path,
        method: upper,
        route: `${upper} ${path}`,
        pathParams: parameters.filter((p) => p.in === 'path'),
        queryParams: parameters.filter((p) => p.in === 'query'),
        body: operation.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return shapes;
}

function casesFor(shape: RouteShape, allShapes: readonly RouteShape[]): Case[] {
  const cases: Case[] = [];
  const { route, method } = shape;
  const validParams = Object.fromEntries(
    shape.pathParams.map((p) => [p.name, String(sample(p.schema, p.name))]),
  );
  const validQuery: [string, string][] = shape.queryParams
    .filter((p) => p.required)
    .map((p) => [p.name, String(sample(p.schema, p.name))]);
  const baseUrl = fillPath(shape.path, validParams) + queryString(validQuery);
  const bodySchema = shape.body ? resolve(shape.body) : undefined;
  const baseBody = bodySchema ? (sample(bodySchema, '(body)') as Record<string, unknown>) : {};
  const withBody = (body: unknown): Pick<Case, 'headers' | 'payload'> =>
    bodySchema ? { headers: JSON_HEADERS, payload: JSON.stringify(body) } : {};
  const add = (c: Omit<Case, 'route' | 'method'> & { method?: string }) =>
    cases.push({ route, method, ...c });

  // Bad credentials: the authentication hook refuses them on every route, public ones too.
  const credentials: [string, Record<string, string>][] = [
    ['unknown bearer token', { authorization: 'Bearer xys_not-a-real-session-token' }],
    ['empty bearer token', { authorization: 'Bearer ' }],
    ['8 KB bearer token', { authorization: `Bearer ${'x'.repeat(8192)}` }],
    ['basic credentials', { authorization: 'Basic dXNlcjpwYXNz' }],
    ['scheme-less authorization', { authorization: 'xys_garbage' }],
    ['garbage API key', { 'x-api-key': 'garbage' }],
    ['empty API key', { 'x-api-key': '' }],
    ['well-shaped unknown API key', { 'x-api-key': `xyk_000000000000_${'A'.repeat(43)}` }],
    ['garbage ApiKey authorization', { authorization: 'ApiKey garbage' }],
  ];
  for (const [name, headers] of credentials) {
    const body = withBody(baseBody);
    add({
      name,
      url: baseUrl,
      ...body,
      headers: { ...body.headers, ...headers },
      ownCredentials: true,
      expect: { status: 401, code: 'UNAUTHENTICATED' },
    });
  }

  // Path parameters.
  for (const param of shape.pathParams) {
    const schema = mainBranch(param.schema);
    const at = (value: string, raw = false) =>
      fillPath(shape.path, { ...validParams, [param.name]: value }, raw) + queryString(validQuery);
    const path = `params.${param.name}`;
    const body = withBody(baseBody);
    // The router refuses these before any route runs (its limit on a parameter is 100).
    const router = { status: 400, code: 'MALFORMED_REQUEST' };
    add({
      name: `${param.name}: bad percent-encoding`,
      url: at('%zz', true),
      ...body,
      expect: router,
    });
    add({
      name: `${param.name}: truncated UTF-8`,
      url: at('%E4%BD', true),
      ...body,
      expect: router,
    });
    add({
      name: `${param.name}: 101 characters`,
      url: at('a'.repeat(101)),
      ...body,
      expect: router,
    });
    add({
      name: `${param.name}: 4000 characters`,
      url: at('7'.repeat(4000)),
      ...body,
      expect: router,
    });
    add({ name: `${param.name}: NUL`, url: at('%00', true), ...body, expect: VALIDATION(path) });
    if (schema.maxLength !== undefined && schema.maxLength < 100) {
      add({
        name: `${param.name}: maxLength + 1`,
        url: at('a'.repeat(schema.maxLength + 1)),
        ...body,
        expect: VALIDATION(path, 'max_length'),
      });
    }
    if (schema.format === 'uuid') {
      for (const bad of [
        'not-a-uuid',
        '12345',
        "1' OR '1'='1",
        '00000000-0000-0000-0000-00000000000g',
      ]) {
        add({
          name: `${param.name}: ${bad}`,
          url: at(bad),
          ...body,
          expect: VALIDATION(path, 'format'),
        });
      }
      add({
        name: `${param.name}: urn:uuid form`,
        url: at(`urn:uuid:${randomUUID()}`),
        ...body,
        expect: VALIDATION(path),
      });
      for (const [label, unknown] of [
        ['unknown uuid', randomUUID()],
        ['unknown upper-case uuid', randomUUID().toUpperCase()],
        ['nil uuid', '00000000-0000-0000-0000-000000000000'],
      ] as const) {
        add({
          name: `${param.name}: ${label}`,
          url: at(unknown),
          ...body,
          expectFor: { operator: { status: [403, 404] } },
        });
      }
    }
    const identifier = IDENTIFIERS[param.name];
    if (identifier) {
      for (const [label, value, code] of identifier.variants) {
        add({
          name: `${param.name}: ${label}`,
          url: at(value),
          ...body,
          expectFor: { operator: VALIDATION(path, code) },
        });
      }
      add({
        name: `${param.name}: unknown but valid`,
        url: at(identifier.unknown),
        ...body,
        expectFor: { operator: { status: 404, code: 'NOT_FOUND' } },
      });
    }
  }

  // Query parameters.
  if (shape.queryParams.length > 0) {
    const body = withBody(baseBody);
    const urlWith = (entries: [string, string][]) =>
      fillPath(shape.path, validParams) + queryString([...validQuery, ...entries]);
    add({
      name: 'unknown query parameter',
      url: urlWith([['bogus', '1']]),
      ...body,
      expect: VALIDATION('query.bogus', 'additional_property'),
    });
    add({
      name: 'bad percent-encoding in the query',
      url: `${urlWith([])}${validQuery.length ? '&' : '?'}%zz=%zz`,
      ...body,
    });
    for (const param of shape.queryParams) {
      const schema = mainBranch(param.schema);
      const path = `query.${param.name}`;
      const one = (label: string, value: string, expectation?: Expectation, mayPass = false) =>
        add({
          name: `query ${param.name}: ${label}`,
          url: urlWith([[param.name, value]]),
          ...body,
          ...(expectation ? { expect: expectation } : {}),
          mayPass,
        });
      const type = typesOf(schema);
      if (type.has('integer') || type.has('number')) {
        one('non-numeric', 'abc', VALIDATION(path, 'type'));
        one('empty', '', { status: 400 });
        one('1e400', '1e400', VALIDATION(path));
        if (type.has('integer') && !type.has('number'))
          one('fraction', '1.5', VALIDATION(path, 'type'));
        if (schema.minimum !== undefined) {
          one('negative', String(Math.min(-1, schema.minimum - 1)), VALIDATION(path, 'minimum'));
          one('minimum - 1', String(schema.minimum - 1), VALIDATION(path, 'minimum'));
        }
        if (schema.maximum !== undefined) {
          one('maximum + 1', String(schema.maximum + 1), VALIDATION(path, 'maximum'));
        }
        one('huge', '9'.repeat(400), VALIDATION(path));
        add({
          name: `query ${param.name}: given twice`,
          url: urlWith([
            [param.name, '1'],
            [param.name, '2'],
          ]),
          ...body,
          expect: VALIDATION(path, 'type'),
        });
      } else if (type.has('string')) {
        if (schema.maxLength !== undefined) {
          one('maxLength + 1', 'a'.repeat(schema.maxLength + 1), VALIDATION(path, 'max_length'));
        } else {
          one(
            '100 000 characters',
            '9'.repeat(100_000),
            undefined,
            !schema.pattern && !schema.enum,
          );
        }
        if ((schema.minLength ?? 0) > 0) one('empty', '', VALIDATION(path, 'min_length'));
        if (schema.enum) one('not in the enum', 'not-a-valid-value', VALIDATION(path, 'enum'));
        const breaker = patternBreaker(schema);
        if (breaker !== undefined) one('breaks the pattern', breaker, VALIDATION(path, 'pattern'));
        if (schema.format === 'uuid') one('not a uuid', 'not-a-uuid', VALIDATION(path, 'format'));
        one('NUL character', NUL_TEXT, VALIDATION(path));
        add({
          name: `query ${param.name}: given twice`,
          url: urlWith([
            [param.name, String(sample(schema, param.name))],
            [param.name, String(sample(schema, param.name))],
          ]),
          ...body,
          expect: VALIDATION(path, 'type'),
        });
      }
    }
  }

  // Bodies.
  if (bodySchema) {
    const send = (
      name: string,
      payload: string | Buffer | undefined,
      contentType: string | null,
      expectation?: Expectation,
      extra: Partial<Case> = {},
    ) =>
      add({
        name,
        url: baseUrl,
        ...(contentType ? { headers: { 'content-type': contentType } } : {}),
        ...(payload !== undefined ? { payload } : {}),
        ...(expectation ? { expect: expectation } : {}),
        ...extra,
      });
    const json = 'application/json';
    const valid = JSON.stringify(baseBody);
    send('no body', undefined, null, { status: 400 });
    send('empty JSON body', '', json, { status: 400 });
    send('whitespace JSON body', '   ', json, { status: 400 });
    for (const broken of [
      '{',
      '{"login": "probe",}',
      "{'login': 'probe'}",
      '{"login": undefined}',
      '{login: "probe"}',
      `${valid}}`,
      `${valid} trailing`,
      'NaN',
      valid.slice(0, -1),
    ]) {
      send(`broken JSON ${JSON.stringify(broken.slice(0, 40))}`, broken, json, {
        status: 400,
        code: 'MALFORMED_REQUEST',
      });
    }
    send('invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), json, {
      status: 400,
    });
    send('__proto__ key', '{"__proto__": {"role": "operator"}}', json, { status: 400 });
    send('constructor.prototype key', '{"constructor": {"prototype": {"x": 1}}}', json, {
      status: 400,
    });
    send('deeply nested arrays', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, json, {
      status: 400,
    });
    for (const [label, text] of [
      ['array', '[]'],
      ['array of the body', `[${valid}]`],
      ['string', '"text"'],
      ['number', '42'],
      ['boolean', 'true'],
      ['null', 'null'],
    ] as const) {
      send(`body is ${label}`, text, json, VALIDATION('(body)', 'type'));
    }
    send('text/plain', valid, 'text/plain', VALIDATION('(body)', 'type'));
    send('text/plain with a charset', 'plain words', 'text/plain; charset=utf-8', {
      status: 400,
    });
    send('application/xml', '<user><login>probe</login></user>', 'application/xml', {
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    send('form-urlencoded', 'login=probe&password=x', 'application/x-www-form-urlencoded', {
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    send('multipart', '--x\r\n\r\n--x--', 'multipart/form-data; boundary=x', {
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    send('JSON without a content type', valid, null, { status: [400, 415] });
    send('JSON in UTF-16', Buffer.from(valid, 'utf16le'), 'application/json; charset=utf-16', {
      status: [400, 415],
    });
    send('2 MB body', JSON.stringify({ ...baseBody, padding: 'x'.repeat(TWO_MB) }), json, {
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });

    const properties = Object.entries(bodySchema.properties ?? {});
    const required = new Set(bodySchema.required ?? []);
    const field = (
      name: string,
      value: unknown,
      expectation?: Expectation,
      extra: Partial<Case> = {},
    ) =>
      send(name, JSON.stringify({ ...baseBody, ...(value as object) }), json, expectation, extra);

    field(
      'extra unknown field',
      { unexpectedField: 'x' },
      VALIDATION('unexpectedField', 'additional_property'),
    );
    field(
      'extra field named like a column',
      { id: randomUUID(), created_at: 'now' },
      VALIDATION('id', 'additional_property'),
    );

    for (const [name, rawSchema] of properties) {
      const schema = mainBranch(rawSchema);
      const set = (
        label: string,
        value: unknown,
        expectation?: Expectation,
        extra: Partial<Case> = {},
      ) => field(`${name}: ${label}`, { [name]: value }, expectation, extra);
      if (required.has(name)) {
        const rest = { ...baseBody };
        delete rest[name];
        send(`${name}: missing`, JSON.stringify(rest), json, VALIDATION(name, 'required'));
      }
      for (const [type, value] of wrongTypeValues(rawSchema)) {
        set(`${type} instead`, value, VALIDATION(name, 'type'));
      }
      const types = typesOf(schema);
      if (types.has('string')) {
        if (schema.maxLength !== undefined) {
          set('maxLength + 1', 'a'.repeat(schema.maxLength + 1), VALIDATION(name, 'max_length'));
          set(
            'maxLength + 1 in CJK',
            '信'.repeat(schema.maxLength + 1),
            VALIDATION(name, 'max_length'),
          );
        } else {
          // No maxLength: the body limit is the bound.
          set('900 KB', '9'.repeat(900_000), undefined, {
            mayPass: !schema.pattern && !schema.enum && !schema.format,
          });
          set('2 MB', 'x'.repeat(TWO_MB), { status: 413, code: 'PAYLOAD_TOO_LARGE' });
        }
        if ((schema.minLength ?? 0) > 0) set('empty', '', VALIDATION(name, 'min_length'));
        if (schema.enum) {
          set('not in the enum', 'not-a-valid-value', VALIDATION(name, 'enum'));
          set(
            'enum value in upper case',
            String(schema.enum[0]).toUpperCase(),
            VALIDATION(name, 'enum'),
          );
        }
        const breaker = patternBreaker(schema);
        if (breaker !== undefined) set('breaks the pattern', breaker, VALIDATION(name, 'pattern'));
        if (schema.format === 'uuid') {
          set('not a uuid', 'not-a-uuid', VALIDATION(name, 'format'));
          set('unknown uuid', randomUUID());
        }
        if (schema.format === 'date-time') {
          for (const bad of [
            'tomorrow',
            '2027-02-30T00:00:00Z',
            '2027-13-01T00:00:00Z',
            '2027-01-01',
            '2027-01-01T00:00:00',
            '2027-01-01T25:00:00Z',
          ]) {
            set(`date-time ${bad}`, bad, VALIDATION(name, 'format'));
          }
          // RFC 3339 allows a leap second, ajv-formats an hour-only offset; JavaScript parses
          // neither, so the API must refuse them as a format error.
          for (const unparseable of ['2027-06-30T23:59:60Z', '2027-01-01T00:00:00+08']) {
            set(`date-time ${unparseable}`, unparseable, VALIDATION(name, 'format'));
          }
          // Well-formed but out of range for most uses: a 4xx, whatever the caller.
          for (const odd of [
            '2000-01-01T00:00:00Z',
            '9999-12-31T23:59:59Z',
            '0000-01-01T00:00:00Z',
          ]) {
            set(`date-time ${odd}`, odd);
          }
        }
        set('NUL character', NUL_TEXT, VALIDATION(name));
        set('NUL character alone', '\u0000', VALIDATION(name));
      }
      if (types.has('array')) {
        const items = resolve(schema.items ?? {});
        const one = sample(items, `${name}[]`);
        if ((schema.minItems ?? 0) > 0) set('empty array', [], VALIDATION(name, 'min_items'));
        if (schema.uniqueItems)
          set('duplicate items', [one, one], VALIDATION(name, 'unique_items'));
        if (schema.maxItems !== undefined) {
          set(
            'maxItems + 1',
            Array.from({ length: schema.maxItems + 1 }, () => one),
            VALIDATION(name, 'max_items'),
          );
        }
        for (const [type, value] of wrongTypeValues(items)) {
          set(`item is ${type}`, [value], VALIDATION(`${name}.0`, 'type'));
        }
        if (items.enum)
          set('item not in the enum', ['not-a-valid-value'], VALIDATION(`${name}.0`, 'enum'));
      }
      const identifier = IDENTIFIERS[name];
      if (identifier) {
        const base: Record<string, unknown> = { ...baseBody };
        for (const other of Object.keys(IDENTIFIERS)) if (other !== name) delete base[other];
        for (const [hint, value] of Object.entries(identifier.bodyHints)) {
          if (hint in base) base[hint] = value;
        }
        for (const [label, value, code] of identifier.variants) {
          send(`${name}: ${label}`, JSON.stringify({ ...base, [name]: value }), json, undefined, {
            expectFor: { operator: VALIDATION(name, code) },
          });
        }
      }
    }
  }

  // Methods the path does not have: 404 unless another route answers the same URL.
  const sameUrl = (other: RouteShape, m: string) =>
    other.method === m &&
    new RegExp(`^${other.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(baseUrl.split('?')[0] ?? '');
  const declared = new Set(allShapes.filter((s) => s.path === shape.path).map((s) => s.method));
  if (declared.values().next().value === method) {
    for (const other of HTTP_METHODS) {
      if (declared.has(other) || allShapes.some((s) => sameUrl(s, other))) continue;
      add({
        name: `unsupported method ${other}`,
        method: other,
        url: baseUrl,
        headers: JSON_HEADERS,
        payload: JSON.stringify(baseBody),
        expect: { status: 404, code: 'ROUTE_NOT_FOUND' },
      });
    }
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------
// Checking responses
// ---------------------------------------------------------------------------------------------

const HAN = /\p{Script=Han}/u;

function shapeProblems(body: unknown): string[] {
  if (!body || typeof body !== 'object') return ['body is not an object'];
  const error = (body as { error?: unknown }).error;
  if (!error || typeof error !== 'object') return ['body has no error object'];
  const e = error as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof e.code !== 'string' || e.code === '') problems.push('error.code is not a string');
  if (typeof e.message !== 'string' || e.message === '') problems.push('error.message is empty');
  if (!Array.isArray(e.fields)) return [...problems, 'error.fields is not an array'];
  for (const f of e.fields as unknown[]) {
    const entry = (f ?? {}) as Record<string, unknown>;
    if (typeof entry.path !== 'string' || typeof entry.code !== 'string') {
      problems.push(`bad field entry ${JSON.stringify(f)}`);
    } else if (typeof entry.message !== 'string' || entry.message.trim() === '') {
      problems.push(`field ${entry.path} has an empty message`);
    }
  }
  return problems;
}

function matches(expected: number | readonly number[], status: number) {
  return typeof expected === 'number' ? status === expected : expected.includes(status);
}

function expectationProblems(expectation: Expectation, status: number, error: ErrorJson['error']) {
  const problems: string[] = [];
  if (expectation.status !== undefined && !matches(expectation.status, status)) {
    problems.push(`expected status ${JSON.stringify(expectation.status)}`);
  }
  if (expectation.code !== undefined && error.code !== expectation.code) {
    problems.push(`expected code ${expectation.code}, got ${error.code}`);
  }
  const wanted = expectation.field;
  if (
    wanted &&
    !error.fields.some((f) => f.path === wanted.path && (!wanted.code || f.code === wanted.code))
  ) {
    problems.push(`expected a field entry ${wanted.path}${wanted.code ? ` (${wanted.code})` : ''}`);
  }
  return problems;
}

function responseProblems(c: Case, caller: Caller, response: LightMyRequestResponse): string[] {
  const status = response.statusCode;
  if (status >= 500) return [`server error ${status}`];
  if (status < 400) return c.mayPass ? [] : [`status ${status}, expected a 4xx`];
  const problems: string[] = [];
  const contentType = String(response.headers['content-type'] ?? '');
  if (!contentType.startsWith('application/json')) problems.push(`content-type "${contentType}"`);
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    return [...problems, 'body is not JSON'];
  }
  const shape = shapeProblems(body);
  if (shape.length > 0) return [...problems, ...shape];
  const { error } = body as ErrorJson;
  if (error.code === 'VALIDATION_FAILED' && error.fields.length === 0) {
    problems.push('VALIDATION_FAILED without field entries');
  }
  const texts = [error.message, ...error.fields.map((f) => f.message)];
  if (error.message === error.code || error.fields.some((f) => f.message === f.code)) {
    problems.push('a message is its bare code (missing translation)');
  }
  if (caller.language === 'zh' && !texts.every((text) => HAN.test(text))) {
    problems.push('a message is not in Chinese');
  }
  if (caller.language === 'en' && texts.some((text) => HAN.test(text) || !/[A-Za-z]/.test(text))) {
    problems.push('a message is not in English');
  }
  if (c.expect) problems.push(...expectationProblems(c.expect, status, error));
  const own = c.expectFor?.[caller.who];
  if (own) problems.push(...expectationProblems(own, status, error));
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------------------------

let t: TestApp;
let callers: Caller[];

beforeAll(async () => {
  // A login rate limit would answer 429 before validation and hide what is being tested.
  t = await startTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '1000000' } });
  const operator = await t.login('operator');
  const borrower = await t.login('demo-person');
  if (!t.providerApiKey) throw new Error('the demo seed issued no provider key');
  callers = [
    { who: 'operator', headers: { authorization: `Bearer ${operator}` }, language: 'zh' },
    {
      who: 'borrower',
      headers: {
        authorization: `Bearer ${borrower}`,
        'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8',
      },
      language: 'zh',
    },
    {
      who: 'provider',
      headers: { 'x-api-key': t.providerApiKey, 'accept-language': 'fr-FR, en;q=0.5' },
      language: 'en',
    },
    { who: 'anonymous', headers: { 'accept-language': 'en' }, language: 'en' },
  ];
  const docs = await t.app.inject({ method: 'GET', url: '/docs/json' });
  document = docs.json<OpenApiDocument>();
  const organisations = await t.as(operator, { method: 'GET', url: '/organisations' });
  const bankA = organisations
    .json<{ id: string; code: string }[]>()
    .find((o) => o.code === 'bank-a');
  if (!bankA) throw new Error('no bank-a in the demo seed');
  fieldSamples = {
    uscc: UNKNOWN_USCC,
    idNumber: UNKNOWN_RESIDENT_ID,
    phone: '13800138000',
    login: 'malformed-probe',
    password: 'Probe-password-2026',
    organisationId: bankA.id,
    granteeOrganisationId: bankA.id,
  };
});
afterAll(async () => t.close());

async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) {
    await Promise.all(items.slice(i, i + size).map(run));
  }
}

describe('malformed input', () => {
  it('enumerates the routes from the OpenAPI document', () => {
    const routes = routeShapes().map((s) => s.route);
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /auth/login',
        'POST /users',
        'GET /enterprises/{uscc}',
        'GET /persons/{id}',
        'POST /consents',
        'GET /audit-events',
      ]),
    );
    expect(routes.some((r) => r.includes(' /docs'))).toBe(false);
  });

  it('answers every malformed request with a 4xx and the error body, never a 5xx', async () => {
    const shapes = routeShapes();
    const cases = shapes.flatMap((shape) => casesFor(shape, shapes));
    const perRoute = new Map(shapes.map((s) => [s.route, 0]));
    for (const c of cases) perRoute.set(c.route, (perRoute.get(c.route) ?? 0) + 1);
    expect([...perRoute].filter(([, n]) => n === 0).map(([route]) => route)).toEqual([]);

    // Cases with credentials of their own are sent once, with no Accept-Language.
    const asThemselves: Caller = { who: 'anonymous', headers: {}, language: 'zh' };
    const jobs = cases.flatMap((c) =>
      c.ownCredentials ? [{ c, caller: asThemselves }] : callers.map((caller) => ({ c, caller })),
    );
    const failures: string[] = [];
    let serverErrors = 0;
    await inBatches(jobs, 25, async ({ c, caller }) => {
      const response = await t.app.inject({
        method: c.method as 'GET',
        url: c.url,
        headers: { ...caller.headers, ...c.headers },
        ...(c.payload !== undefined ? { payload: c.payload } : {}),
      });
      if (response.statusCode >= 500) serverErrors += 1;
      const problems = responseProblems(c, caller, response);
      if (problems.length > 0) {
        failures.push(
          `${caller.who} ${c.route} [${c.name}] → ${response.statusCode}: ${problems.join('; ')} :: ${response.body.slice(0, 300)}`,
        );
      }
    });
    console.log(
      `malformed input: ${jobs.length} requests (${cases.length} cases on ${shapes.length} routes)`,
    );
    expect.soft(serverErrors, 'responses with a 5xx status').toBe(0);
    expect(failures.sort()).toEqual([]);
  });

  it('speaks Chinese by default and English on request', async () => {
    const operator = await t.login('operator');
    const request = {
      method: 'POST' as const,
      url: '/enterprises',
      payload: { name: '示例有限公司' },
    };
    const zh = errorOf(await t.as(operator, request));
    expect(zh.code).toBe('VALIDATION_FAILED');
    expect(zh.message).toBe('请求数据有误，请检查标出的字段');
    expect(zh.fields).toEqual([{ path: 'uscc', code: 'required', message: '必填字段' }]);
    const en = errorOf(
      await t.as(operator, { ...request, headers: { 'accept-language': 'en-US,en;q=0.9' } }),
    );
    expect(en.message).toBe('The request has invalid fields');
    expect(en.fields).toEqual([
      { path: 'uscc', code: 'required', message: 'This field is required' },
    ]);

    const bad = USCC_VARIANTS.find(([, , code]) => code === 'USCC_CHECK_CHARACTER');
    const identifier = { ...request, payload: { uscc: bad?.[1], name: '示例有限公司' } };
    expect(errorOf(await t.as(operator, identifier)).fields).toEqual([
      {
        path: 'uscc',
        code: 'USCC_CHECK_CHARACTER',
        message: '第 18 位校验码错误，请核对代码是否抄错',
      },
    ]);
    const english = { ...identifier, headers: { 'accept-language': 'en' } };
    expect(errorOf(await t.as(operator, english)).fields).toEqual([
      {
        path: 'uscc',
        code: 'USCC_CHECK_CHARACTER',
        message: 'Character 18, the check character, is wrong; check for a typo',
      },
    ]);

    const broken = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      payload: '{',
    });
    expect(broken.statusCode).toBe(400);
    expect(errorOf(broken).message).toMatch(/^Malformed request: /);
  });
});
