import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../platform/context.js';
import {
  AUTHENTICATED_ERRORS,
  errorResponses,
  IdParams,
  StrictObject,
} from '../platform/http/schemas.js';
import { marketStatistics } from './statistics.service.js';
import { acknowledgeWarning, listWarnings } from './warnings.service.js';

export const monitorRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/monitor/warnings',
    {
      schema: {
        tags: ['monitor'],
        summary:
          'Post-loan warnings: new adverse records of borrowers with open loans, with the score change (lender: its own)',
        querystring: StrictObject({ open: Type.Optional(Type.Boolean()) }),
        response: { 200: Type.Array(Type.Unknown()), ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) => listWarnings(ctx, request.principal, request.query),
  );

  app.get(
    '/monitor/statistics',
    {
      schema: {
        tags: ['monitor'],
        summary:
          'The market for the regulator: coverage, decision speed, automation, approval and default rates by industry, region and segment, fairness, objections',
        response: { 200: Type.Unknown(), ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) => marketStatistics(ctx, request.principal),
  );

  app.post(
    '/monitor/warnings/:id/acknowledge',
    {
      schema: {
        tags: ['monitor'],
        summary: 'Mark a warning as looked into (lender officer)',
        params: IdParams,
        response: {
          200: Type.Object({ id: Type.String(), acknowledged: Type.Boolean() }),
          ...errorResponses(...AUTHENTICATED_ERRORS, 409),
        },
      },
    },
    async (request) => acknowledgeWarning(ctx, request.principal, request.params.id),
  );
};
