import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  AUTHENTICATED_ERRORS,
  DateTime,
  errorResponses,
  Nullable,
  PageQuery,
  StrictObject,
} from '../platform/http/schemas.js';
import { requireRole } from '../platform/auth/guards.js';
import type { AppContext } from '../platform/context.js';
import { listAuditEvents } from './ledger.service.js';

const AuditEventSchema = Type.Object({
  id: Type.String(),
  at: DateTime,
  actorKind: Type.String(),
  actorId: Nullable(Type.String()),
  actorRole: Nullable(Type.String()),
  actorOrganisationId: Nullable(Type.String()),
  action: Type.String(),
  subjectKind: Nullable(Type.String()),
  subjectId: Nullable(Type.String()),
  detail: Type.Object({}, { additionalProperties: true }),
});

export const ledgerRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/audit-events',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit trail (regulator, operator), newest first',
        querystring: StrictObject({
          action: Type.Optional(Type.String({ maxLength: 100 })),
          subjectKind: Type.Optional(Type.String({ maxLength: 40 })),
          subjectId: Type.Optional(Type.String({ maxLength: 100 })),
          ...PageQuery,
        }),
        response: { 200: Type.Array(AuditEventSchema), ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) => {
      requireRole(request.principal, 'regulator', 'operator');
      const { limit = 50, offset = 0, ...filter } = request.query;
      return listAuditEvents(ctx.db, { ...filter, limit, offset });
    },
  );
};
