import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../platform/context.js';
import {
  AUTHENTICATED_ERRORS,
  DateTime,
  DateTimeInput,
  errorResponses,
  IdParams,
  Nullable,
  StrictObject,
  StringEnum,
  Uuid,
} from '../platform/http/schemas.js';
import { RECORD_CATEGORY_CODES } from './categories.js';
import { declareOutage, endOutage, listOutages } from './outages.service.js';

const OutageSchema = Type.Object({
  id: Uuid,
  category: Type.String(),
  reason: Type.String(),
  startedAt: DateTime,
  expectedEndAt: Nullable(DateTime),
  endedAt: Nullable(DateTime),
});

/** Sources that cannot answer: declared by the operator or the category's provider. */
export const outageRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  app.post(
    '/ingest/outages',
    {
      schema: {
        tags: ['ingest'],
        summary:
          "Declare a category's source down: checks reading it answer 'unavailable, retry scheduled', never a refusal",
        body: StrictObject({
          category: StringEnum(RECORD_CATEGORY_CODES),
          reason: Type.String({ minLength: 1, maxLength: 500 }),
          expectedEndAt: Type.Optional(DateTimeInput),
        }),
        response: { 201: OutageSchema, ...errorResponses(...AUTHENTICATED_ERRORS, 409) },
      },
    },
    async (request, reply) => {
      const { expectedEndAt, ...rest } = request.body;
      const outage = await declareOutage(ctx, request.principal, {
        ...rest,
        expectedEndAt: expectedEndAt === undefined ? undefined : new Date(expectedEndAt),
      });
      return reply.code(201).send(outage);
    },
  );

  app.post(
    '/ingest/outages/:id/end',
    {
      schema: {
        tags: ['ingest'],
        summary: 'End an outage; waiting applications are verified again at the next sweep',
        params: IdParams,
        response: { 200: OutageSchema, ...errorResponses(...AUTHENTICATED_ERRORS, 409) },
      },
    },
    async (request) => endOutage(ctx, request.principal, request.params.id),
  );

  app.get(
    '/ingest/outages',
    {
      schema: {
        tags: ['ingest'],
        summary: 'Source outages, open ones first',
        response: { 200: Type.Array(OutageSchema), ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) => listOutages(ctx, request.principal),
  );
};
