import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../platform/context.js';
import {
  AUTHENTICATED_ERRORS,
  DateTime,
  errorResponses,
  IdParams,
  Nullable,
  PageQuery,
  StrictObject,
  StringEnum,
  Uuid,
} from '../platform/http/schemas.js';
import { pickLocale } from '../platform/locale.js';
import * as batches from './batches.service.js';
import { RECORD_CATEGORY_CODES } from './categories.js';
import * as config from './provider-config.service.js';
import { dataQuality } from './quality.service.js';
import * as records from './records.service.js';
import { schemaOf } from './schemas.js';
import { requireRole } from '../platform/auth/guards.js';

export const Category = StringEnum(RECORD_CATEGORY_CODES);
export const CategoryParams = StrictObject({ category: Category });
const NumericId = StrictObject({ id: Type.String({ pattern: '^[1-9][0-9]{0,17}$' }) });

export const BatchReportSchema = Type.Object({
  id: Uuid,
  organisationId: Uuid,
  category: Type.String(),
  schemaVersion: Type.Integer(),
  source: Type.String(),
  fileName: Nullable(Type.String()),
  status: StringEnum(['running', 'completed', 'failed']),
  failure: Nullable(Type.Object({ code: Type.String(), detail: Nullable(Type.String()) })),
  read: Type.Integer({ description: 'read = accepted + unchanged + quarantined' }),
  accepted: Type.Integer({ description: 'stored: new records and new versions' }),
  newVersions: Type.Integer(),
  unchanged: Type.Integer(),
  quarantined: Type.Integer(),
  quarantinedByReason: Type.Record(Type.String(), Type.Integer()),
  checkpointLine: Type.Integer(),
  createdAt: DateTime,
  completedAt: Nullable(DateTime),
});

const QuarantinedSchema = Type.Object({
  id: Type.String(),
  batchId: Uuid,
  category: Type.String(),
  line: Type.Integer(),
  raw: Type.String(),
  reasons: Type.Array(
    Type.Object({ field: Nullable(Type.String()), code: Type.String(), message: Type.String() }),
  ),
  status: StringEnum(['open', 'resubmitted']),
  resolvedByBatch: Nullable(Uuid),
});

const RecordSchema = Type.Object({
  id: Type.String(),
  category: Type.String(),
  version: Type.Integer(),
  current: Type.Boolean(),
  subjectKind: StringEnum(['enterprise', 'person']),
  period: Nullable(Type.String()),
  content: Type.Object({}, { additionalProperties: true }),
  lineage: Type.Object({
    organisationId: Uuid,
    batchId: Uuid,
    fileName: Nullable(Type.String()),
    line: Type.Integer(),
    receivedAt: DateTime,
    schemaVersion: Type.Integer(),
    contentHash: Type.String(),
    supersededAt: Nullable(DateTime),
  }),
});

const CategorySchemaView = Type.Object({
  category: Type.String(),
  version: Type.Integer(),
  fields: Type.Array(
    Type.Object({
      name: Type.String(),
      label: Type.String(),
      type: Type.String({ description: 'money is integer fen as text; period is YYYY-MM' }),
      required: Type.Boolean(),
    }),
  ),
});

const OwnRecordVersionSchema = Type.Object({
  id: Type.String(),
  category: Type.String(),
  version: Type.Integer(),
  current: Type.Boolean(),
  period: Nullable(Type.String()),
  content: Type.Object({}, { additionalProperties: true }),
  receivedAt: DateTime,
  supersededAt: Nullable(DateTime),
});

const Share = Nullable(Type.Number({ minimum: 0, maximum: 1 }));
const QualityRowSchema = Type.Object({
  organisationId: Uuid,
  category: Type.String(),
  month: Type.String(),
  batches: Type.Integer(),
  read: Type.Integer(),
  completeness: Share,
  validity: Share,
  duplicates: Share,
  timelinessMedianDays: Nullable(Type.Number()),
  timelinessP90Days: Nullable(Type.Number()),
});

const MappingBody = StrictObject({
  fields: Type.Record(
    Type.String({ minLength: 1, maxLength: 100 }),
    Type.String({ maxLength: 100 }),
    { maxProperties: 200 },
  ),
  moneyUnit: StringEnum(['fen', 'yuan', 'wan_yuan']),
  valueMaps: Type.Optional(
    Type.Record(
      Type.String({ maxLength: 100 }),
      Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 100 })),
    ),
  ),
});

const MappingSchema = Type.Object({
  category: Type.String(),
  fields: Type.Record(Type.String(), Type.String()),
  moneyUnit: Type.String(),
  valueMaps: Type.Record(Type.String(), Type.Record(Type.String(), Type.String())),
  setAt: Nullable(DateTime),
});

// A delivered record is the provider's own shape; the ingest pipeline checks it field by field.
const DeliveredRecord = Type.Record(Type.String({ maxLength: 200 }), Type.Unknown(), {
  maxProperties: 200,
});

export const ingestRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  app.post(
    '/ingest/:category',
    {
      config: { idempotent: true },
      schema: {
        tags: ['ingest'],
        summary:
          'Push a JSON batch of records (provider); committed whole; bad records are quarantined',
        params: CategoryParams,
        body: StrictObject({
          records: Type.Array(DeliveredRecord, { minItems: 1, maxItems: 5000 }),
        }),
        response: { 201: BatchReportSchema, ...errorResponses(...AUTHENTICATED_ERRORS, 409) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await batches.pushBatch(
            ctx,
            request.principal,
            request.params.category,
            request.body.records,
          ),
        ),
  );

  app.get(
    '/ingest/batches',
    {
      schema: {
        tags: ['ingest'],
        summary: "Batches: a provider's own; all for the operator and the regulator",
        querystring: StrictObject({
          category: Type.Optional(Category),
          organisationId: Type.Optional(Uuid),
          ...PageQuery,
        }),
        response: {
          200: Type.Array(BatchReportSchema),
          ...errorResponses(...AUTHENTICATED_ERRORS),
        },
      },
    },
    async (request) => {
      const { limit = 50, offset = 0, ...filter } = request.query;
      return batches.listBatches(ctx, request.principal, { ...filter, limit, offset });
    },
  );

  app.get(
    '/ingest/batches/:id',
    {
      schema: {
        tags: ['ingest'],
        summary: 'A batch report: read, accepted, new versions, unchanged, quarantined by reason',
        params: IdParams,
        response: { 200: BatchReportSchema, ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) => batches.getBatch(ctx, request.principal, request.params.id),
  );

  app.get(
    '/ingest/quarantine',
    {
      schema: {
        tags: ['ingest'],
        summary: 'Quarantined records with every reason (provider: own; operator: all)',
        querystring: StrictObject({
          batchId: Type.Optional(Uuid),
          status: Type.Optional(StringEnum(['open', 'resubmitted'])),
          ...PageQuery,
        }),
        response: {
          200: Type.Array(QuarantinedSchema),
          ...errorResponses(...AUTHENTICATED_ERRORS),
        },
      },
    },
    async (request) => {
      const { limit = 50, offset = 0, ...filter } = request.query;
      return batches.listQuarantine(
        ctx,
        request.principal,
        { ...filter, limit, offset },
        pickLocale(request.headers['accept-language']),
      );
    },
  );

  app.get(
    '/ingest/batches/:id/quarantine.jsonl',
    {
      schema: {
        tags: ['ingest'],
        summary: "Download a batch's quarantined records as JSON Lines",
        params: IdParams,
        response: { 200: Type.String(), ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request, reply) => {
      const locale = pickLocale(request.headers['accept-language']);
      const rows = await batches.listQuarantine(
        ctx,
        request.principal,
        { batchId: request.params.id, limit: 1_000_000, offset: 0 },
        locale,
      );
      reply.type('application/x-ndjson; charset=utf-8');
      reply.header(
        'content-disposition',
        `attachment; filename="quarantine-${request.params.id}.jsonl"`,
      );
      return rows.map((row) => JSON.stringify(row)).join('\n') + (rows.length ? '\n' : '');
    },
  );

  app.post(
    '/ingest/quarantine/:id/resubmit',
    {
      schema: {
        tags: ['ingest'],
        summary: 'Send a corrected record for a quarantined one (provider)',
        params: NumericId,
        body: StrictObject({ record: DeliveredRecord }),
        response: { 200: BatchReportSchema, ...errorResponses(...AUTHENTICATED_ERRORS, 409) },
      },
    },
    async (request) =>
      batches.resubmitQuarantined(
        ctx,
        request.principal,
        BigInt(request.params.id),
        request.body.record,
      ),
  );

  app.put(
    '/ingest/mappings/:category',
    {
      schema: {
        tags: ['ingest'],
        summary:
          "Set the calling provider's field mapping, money unit and value maps for a category",
        params: CategoryParams,
        body: MappingBody,
        response: { 200: MappingSchema, ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) =>
      config.setMapping(ctx, request.principal, request.params.category, {
        fields: request.body.fields,
        moneyUnit: request.body.moneyUnit,
        valueMaps: request.body.valueMaps ?? {},
      }),
  );

  app.get(
    '/ingest/mappings/:category',
    {
      schema: {
        tags: ['ingest'],
        summary: "The calling provider's mapping in force for a category",
        params: CategoryParams,
        response: { 200: MappingSchema, ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) => config.getMapping(ctx, request.principal, request.params.category),
  );

  app.post(
    '/organisations/:id/categories',
    {
      schema: {
        tags: ['ingest'],
        summary: 'Register the record categories a provider may push (operator)',
        params: IdParams,
        body: StrictObject({
          categories: Type.Array(Category, {
            minItems: 1,
            maxItems: RECORD_CATEGORY_CODES.length,
            uniqueItems: true,
          }),
        }),
        response: {
          200: Type.Array(Type.Object({ category: Type.String(), grantedAt: DateTime })),
          ...errorResponses(...AUTHENTICATED_ERRORS),
        },
      },
    },
    async (request) =>
      config.grantProviderCategories(
        ctx,
        request.principal,
        request.params.id,
        request.body.categories,
      ),
  );

  app.get(
    '/organisations/:id/categories',
    {
      schema: {
        tags: ['ingest'],
        summary: 'The record categories a provider may push',
        params: IdParams,
        response: {
          200: Type.Array(Type.Object({ category: Type.String(), grantedAt: DateTime })),
          ...errorResponses(...AUTHENTICATED_ERRORS),
        },
      },
    },
    async (request) => config.listProviderCategories(ctx, request.principal, request.params.id),
  );

  app.get(
    '/ingest/quality',
    {
      schema: {
        tags: ['ingest'],
        summary:
          'Data quality by provider, category and month (provider: own; regulator, operator: all)',
        querystring: StrictObject({
          organisationId: Type.Optional(Uuid),
          category: Type.Optional(Category),
          from: Type.Optional(Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' })),
          to: Type.Optional(Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' })),
        }),
        response: { 200: Type.Array(QualityRowSchema), ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) => {
      const { from, to, ...filter } = request.query;
      return dataQuality(ctx, request.principal, { ...filter, fromMonth: from, toMonth: to });
    },
  );

  app.get(
    '/records/:id',
    {
      schema: {
        tags: ['ingest'],
        summary: 'A stored record version with its lineage (the delivering provider, operator)',
        params: NumericId,
        response: { 200: RecordSchema, ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) => records.getRecord(ctx, request.principal, BigInt(request.params.id)),
  );

  app.get(
    '/ingest/schemas/:category',
    {
      schema: {
        tags: ['ingest'],
        summary:
          "A record category's canonical fields: name, label in the reader's language, type, required",
        params: CategoryParams,
        response: { 200: CategorySchemaView, ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) => {
      requireRole(request.principal);
      const locale = pickLocale(request.headers['accept-language']);
      const schema = schemaOf(request.params.category);
      return {
        category: schema.category,
        version: schema.version,
        fields: schema.fields.map((field) => ({
          name: field.name,
          label: field.label[locale],
          type: field.type.kind,
          required: field.required,
        })),
      };
    },
  );

  app.get(
    '/me/records/:id',
    {
      schema: {
        tags: ['ingest'],
        summary:
          'Every version of a record about the signed-in borrower, oldest first (the original beside a correction)',
        params: NumericId,
        response: {
          200: Type.Array(OwnRecordVersionSchema),
          ...errorResponses(...AUTHENTICATED_ERRORS),
        },
      },
    },
    async (request) =>
      records.getOwnRecordVersions(ctx, request.principal, BigInt(request.params.id)),
  );

  app.get(
    '/records/:id/versions',
    {
      schema: {
        tags: ['ingest'],
        summary: 'Every version of a record, oldest first, each with its lineage',
        params: NumericId,
        response: { 200: Type.Array(RecordSchema), ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) => records.getRecordVersions(ctx, request.principal, BigInt(request.params.id)),
  );
};
