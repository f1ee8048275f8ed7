import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  AUTHENTICATED_ERRORS,
  DateTime,
  DateTimeInput,
  errorResponses,
  IdParams,
  Nullable,
  PageQuery,
  StrictObject,
  StringEnum,
  Uuid,
} from '../platform/http/schemas.js';
import type { AppContext } from '../platform/context.js';
import { CONSENT_CATEGORIES, CONSENT_PURPOSES } from './consent.js';
import * as consents from './consent.service.js';

const ConsentSchema = Type.Object({
  id: Uuid,
  subject: Type.Object({ kind: StringEnum(['enterprise', 'person']), id: Uuid }),
  granteeOrganisationId: Uuid,
  categories: Type.Array(Type.String()),
  purpose: Type.String(),
  grantedBy: Uuid,
  grantedAt: DateTime,
  expiresAt: DateTime,
  revokedAt: Nullable(DateTime),
  status: StringEnum(['active', 'revoked', 'expired']),
});

const ConsentEventSchema = Type.Object({
  id: Type.String(),
  event: StringEnum(['granted', 'used', 'revoked']),
  actorUserId: Nullable(Uuid),
  actorOrganisationId: Nullable(Uuid),
  category: Nullable(Type.String()),
  purpose: Nullable(Type.String()),
  at: DateTime,
});

export const consentRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  app.post(
    '/consents',
    {
      config: { idempotent: true },
      schema: {
        tags: ['consent'],
        summary:
          'Grant a lender or the platform the use of data categories for a purpose (borrower)',
        body: StrictObject({
          granteeOrganisationId: Uuid,
          categories: Type.Array(StringEnum(CONSENT_CATEGORIES), {
            minItems: 1,
            maxItems: CONSENT_CATEGORIES.length,
            uniqueItems: true,
          }),
          purpose: StringEnum(CONSENT_PURPOSES),
          expiresAt: DateTimeInput,
        }),
        response: { 201: ConsentSchema, ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await consents.grantConsent(ctx, request.principal, request.body)),
  );

  app.get(
    '/consents',
    {
      schema: {
        tags: ['consent'],
        summary:
          "Consents: a borrower's own, those granted to a lender's bank, or all (operator, regulator)",
        querystring: StrictObject({ ...PageQuery }),
        response: { 200: Type.Array(ConsentSchema), ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) =>
      consents.listConsents(ctx, request.principal, {
        limit: request.query.limit ?? 50,
        offset: request.query.offset ?? 0,
      }),
  );

  app.get(
    '/consents/:id',
    {
      schema: {
        tags: ['consent'],
        summary: 'One consent',
        params: IdParams,
        response: { 200: ConsentSchema, ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) => consents.getConsent(ctx, request.principal, request.params.id),
  );

  app.post(
    '/consents/:id/revoke',
    {
      schema: {
        tags: ['consent'],
        summary: 'Revoke a consent; effective immediately (borrower)',
        params: IdParams,
        response: { 200: ConsentSchema, ...errorResponses(...AUTHENTICATED_ERRORS, 409) },
      },
    },
    async (request) => consents.revokeConsent(ctx, request.principal, request.params.id),
  );

  app.get(
    '/consents/:id/events',
    {
      schema: {
        tags: ['consent'],
        summary: 'Every grant, use and revocation of a consent',
        params: IdParams,
        response: {
          200: Type.Array(ConsentEventSchema),
          ...errorResponses(...AUTHENTICATED_ERRORS),
        },
      },
    },
    async (request) => consents.listConsentEvents(ctx, request.principal, request.params.id),
  );
};
