import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../platform/context.js';
import {
  AUTHENTICATED_ERRORS,
  errorResponses,
  IdParams,
  StrictObject,
  StringEnum,
  Uuid,
} from '../platform/http/schemas.js';
import {
  actOnObjection,
  fileObjection,
  getObjection,
  listObjections,
  objectionStatistics,
  triageObjection,
} from './disputes.service.js';
import { OBJECTION_STATUSES } from './objection-state.js';

const RecordId = Type.String({ pattern: '^[1-9][0-9]{0,18}$', description: 'A record id' });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Documents = Type.Array(Uuid, {
  maxItems: 20,
  uniqueItems: true,
  description: 'Evidence uploaded to the e-archive (kind objection_evidence)',
});

/** Each step's body; the step is the last part of the path. */
const STEPS = {
  accept: StrictObject({}),
  'request-material': StrictObject({
    missingItems: Type.Array(Text(200), {
      minItems: 1,
      maxItems: 30,
      description: 'Everything missing, at once: a second notice is refused',
    }),
  }),
  'supply-material': StrictObject({
    evidenceDocumentIds: Documents,
    note: Type.Optional(Text(1000)),
  }),
  refuse: StrictObject({ explanation: Text(2000) }),
  'find-no-error': StrictObject({
    explanation: Text(2000),
    otherRoutes: Text(1000),
    evidenceRefuted: Type.Boolean(),
  }),
  'find-error': StrictObject({
    explanation: Text(2000),
    correction: Type.Record(Type.String(), Type.Unknown(), {
      description: 'The fields as they should read, for the source to correct',
    }),
  }),
  'approve-correction': StrictObject({}),
  'reject-correction': StrictObject({ note: Text(1000) }),
  'confirm-correction': StrictObject({ correctedRecordId: RecordId }),
  'add-statement': StrictObject({ statement: Text(2000) }),
  withdraw: StrictObject({}),
} as const;

type Step = keyof typeof STEPS;

export const disputesRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  app.post(
    '/disputes/objections',
    {
      config: { idempotent: true },
      schema: {
        tags: ['disputes'],
        summary:
          'Object to a record about yourself (borrower): it is marked under objection and must be answered within 20 days',
        body: StrictObject({
          recordId: RecordId,
          feature: Type.Optional(Type.String({ pattern: '^[a-z0-9_]{1,80}$' })),
          reason: Text(2000),
          evidenceDocumentIds: Type.Optional(Documents),
        }),
        response: { 201: Type.Unknown(), ...errorResponses(...AUTHENTICATED_ERRORS, 409) },
      },
    },
    async (request, reply) => {
      const { recordId, ...rest } = request.body;
      const objection = await fileObjection(ctx, request.principal, {
        ...rest,
        recordId: BigInt(recordId),
      });
      return reply.code(201).send(objection);
    },
  );

  app.get(
    '/disputes/objections',
    {
      schema: {
        tags: ['disputes'],
        summary:
          'Objections with their deadlines: your own, a provider’s records’, or all (operator, regulator)',
        querystring: StrictObject({
          status: Type.Optional(StringEnum(OBJECTION_STATUSES)),
          open: Type.Optional(Type.Boolean()),
        }),
        response: { 200: Type.Array(Type.Unknown()), ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) => listObjections(ctx, request.principal, request.query),
  );

  app.get(
    '/disputes/objections/:id/triage',
    {
      schema: {
        tags: ['disputes'],
        summary:
          "Triage (operator, the record's provider): the record's versions with lineage, the subject's other records of the category, contradictions",
        params: IdParams,
        response: { 200: Type.Unknown(), ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) => triageObjection(ctx, request.principal, request.params.id),
  );

  app.get(
    '/disputes/statistics',
    {
      schema: {
        tags: ['disputes'],
        summary:
          'Objections for the regulator: count, processing time, share upheld, refuted evidence, deadline breaches',
        response: {
          200: Type.Object({
            total: Type.Integer(),
            open: Type.Integer(),
            byStatus: Type.Record(Type.String(), Type.Integer()),
            medianHoursToClose: Type.Union([Type.Number(), Type.Null()]),
            upheldShare: Type.Union([Type.Number(), Type.Null()]),
            evidenceRefuted: Type.Integer(),
            breaches: Type.Integer(),
            openBreaches: Type.Integer(),
          }),
          ...errorResponses(...AUTHENTICATED_ERRORS),
        },
      },
    },
    async (request) => objectionStatistics(ctx, request.principal),
  );

  app.get(
    '/disputes/objections/:id',
    {
      schema: {
        tags: ['disputes'],
        summary: 'An objection: status, countdown, every step with its time and actor',
        params: IdParams,
        response: { 200: Type.Unknown(), ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) => getObjection(ctx, request.principal, request.params.id),
  );

  for (const step of Object.keys(STEPS) as Step[]) {
    app.post(
      `/disputes/objections/:id/${step}`,
      {
        schema: {
          tags: ['disputes'],
          summary: `Objection workflow step: ${step.replaceAll('-', ' ')}`,
          params: IdParams,
          body: STEPS[step],
          response: { 200: Type.Unknown(), ...errorResponses(...AUTHENTICATED_ERRORS, 409) },
        },
      },
      async (request) => {
        const body = request.body as Record<string, unknown>;
        const event = step.replaceAll('-', '_');
        const action =
          event === 'confirm_correction'
            ? { event, correctedRecordId: BigInt(String(body.correctedRecordId)) }
            : { ...body, event };
        return actOnObjection(
          ctx,
          request.principal,
          request.params.id,
          action as Parameters<typeof actOnObjection>[3],
        );
      },
    );
  }
};
