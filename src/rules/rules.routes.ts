import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../platform/context.js';
import {
  AUTHENTICATED_ERRORS,
  DateTime,
  errorResponses,
  IdParams,
  Nullable,
  StrictObject,
  StringEnum,
  Uuid,
} from '../platform/http/schemas.js';
import type { PolicyInput } from './policy.js';
import * as rules from './rules.service.js';

const RuleVersionSchema = Type.Object({
  id: Uuid,
  organisationId: Uuid,
  name: Type.String(),
  version: Type.Integer(),
  jdmHash: Type.String({ description: 'SHA-256 of the canonical JDM' }),
  status: StringEnum(['draft', 'published']),
  createdAt: DateTime,
  publishedAt: Nullable(DateTime),
});

const RuleSetName = Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,63}$' });
const Jdm = Type.Object({}, { additionalProperties: true, description: 'A JDM decision graph' });

export const rulesRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/rules/versions',
    {
      config: { idempotent: true },
      schema: {
        tags: ['rules'],
        summary: 'Upload a JDM decision graph as a new draft version of a rule set (lender admin)',
        body: StrictObject({ name: RuleSetName, jdm: Jdm }),
        response: { 201: RuleVersionSchema, ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await rules.createRuleVersion(ctx, request.principal, request.body)),
  );

  app.get(
    '/rules/versions',
    {
      schema: {
        tags: ['rules'],
        summary: "The lender's rule versions (operator and regulator: all)",
        querystring: StrictObject({ name: Type.Optional(RuleSetName) }),
        response: {
          200: Type.Array(RuleVersionSchema),
          ...errorResponses(...AUTHENTICATED_ERRORS),
        },
      },
    },
    async (request) => rules.listRuleVersions(ctx, request.principal, request.query.name),
  );

  app.get(
    '/rules/versions/:id',
    {
      schema: {
        tags: ['rules'],
        summary: 'One rule version with its JDM',
        params: IdParams,
        response: {
          200: Type.Intersect([RuleVersionSchema, Type.Object({ jdm: Type.Unknown() })]),
          ...errorResponses(...AUTHENTICATED_ERRORS),
        },
      },
    },
    async (request) => rules.getRuleVersion(ctx, request.principal, request.params.id),
  );

  app.get(
    '/rules/versions/:id/jdm',
    {
      schema: {
        tags: ['rules'],
        summary: 'Export the JDM exactly as uploaded, for the GoRules editor',
        params: IdParams,
        response: { 200: Type.Unknown(), ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request, reply) => {
      const version = await rules.getRuleVersion(ctx, request.principal, request.params.id);
      return reply
        .header(
          'content-disposition',
          `attachment; filename="${version.name}-v${version.version}.json"`,
        )
        .send(version.jdm);
    },
  );

  app.post(
    '/rules/versions/:id/publish',
    {
      schema: {
        tags: ['rules'],
        summary: 'Publish a draft: it never changes afterwards (lender admin); audited',
        params: IdParams,
        response: { 200: RuleVersionSchema, ...errorResponses(...AUTHENTICATED_ERRORS, 409) },
      },
    },
    async (request) => rules.publishRuleVersion(ctx, request.principal, request.params.id),
  );

  app.post(
    '/rules/versions/:id/dry-run',
    {
      schema: {
        tags: ['rules'],
        summary: 'What this version would decide differently from the published one, case by case',
        params: IdParams,
        body: StrictObject({
          cases: Type.Array(
            StrictObject({
              id: Type.String({ minLength: 1, maxLength: 100 }),
              input: Type.Object({}, { additionalProperties: true }),
            }),
            { minItems: 1, maxItems: 5000 },
          ),
        }),
        response: { 200: Type.Unknown(), ...errorResponses(...AUTHENTICATED_ERRORS, 409) },
      },
    },
    async (request) =>
      rules.dryRunRuleVersion(
        ctx,
        request.principal,
        request.params.id,
        request.body.cases.map((c) => ({ id: c.id, input: c.input as unknown as PolicyInput })),
      ),
  );
};
