import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
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
import { Login, Password, UserSchema } from '../platform/auth/accounts.routes.js';
import type { AppContext } from '../platform/context.js';
import { CONSENT_PURPOSES } from './consent.js';
import { INDUSTRIES } from './registry.js';
import * as registry from './registry.service.js';

// Identifiers are checked by the registry (check characters, regions, dates) so that the
// error names the wrong part; the schema only bounds their size.
const UsccInput = Type.String({
  minLength: 1,
  maxLength: 40,
  description: 'Unified social credit code (GB 32100-2015)',
});
const ResidentIdInput = Type.String({
  minLength: 1,
  maxLength: 40,
  description: 'Resident ID number (GB 11643-1999)',
});
const Name = Type.String({ minLength: 1, maxLength: 200 });
const Phone = Type.String({ pattern: '^1[3-9][0-9]{9}$', description: 'Mainland mobile number' });

const EnterpriseSchema = Type.Object({
  id: Uuid,
  uscc: Type.String(),
  name: Type.String(),
  registrationAuthority: Type.String(),
  entityType: Type.String(),
  regionCode: Type.String(),
  regionName: Nullable(Type.String()),
  industry: Nullable(Type.String()),
  createdAt: DateTime,
});

const PersonSchema = Type.Object({
  id: Uuid,
  idNumber: Type.String({ description: 'Masked unless the caller is the person' }),
  name: Type.String(),
  phone: Nullable(Type.String()),
  masking: StringEnum(['none', 'partial', 'strong']),
  createdAt: DateTime,
});

export const registryRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  app.post(
    '/auth/register',
    {
      config: {
        idempotent: true,
        rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['registry'],
        summary: 'Register as a borrower: an enterprise by USCC or a person by resident ID',
        security: [],
        body: StrictObject({
          login: Login,
          password: Password,
          displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          subjectKind: StringEnum(['enterprise', 'person']),
          uscc: Type.Optional(UsccInput),
          industry: Type.Optional(StringEnum(INDUSTRIES)),
          idNumber: Type.Optional(ResidentIdInput),
          name: Name,
          phone: Type.Optional(Phone),
        }),
        response: { 201: UserSchema, ...errorResponses(400, 409, 422, 429) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const input =
        body.subjectKind === 'enterprise'
          ? { ...body, subjectKind: 'enterprise' as const }
          : { ...body, subjectKind: 'person' as const };
      return reply.code(201).send(await registry.registerBorrower(ctx, input));
    },
  );

  app.post(
    '/enterprises',
    {
      config: { idempotent: true },
      schema: {
        tags: ['registry'],
        summary: 'Register an enterprise (operator)',
        body: StrictObject({
          uscc: UsccInput,
          name: Name,
          industry: Type.Optional(StringEnum(INDUSTRIES)),
        }),
        response: { 201: EnterpriseSchema, ...errorResponses(...AUTHENTICATED_ERRORS, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await registry.createEnterprise(ctx, request.principal, request.body)),
  );

  app.get(
    '/enterprises',
    {
      schema: {
        tags: ['registry'],
        summary: 'Search enterprises',
        querystring: StrictObject({
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          region: Type.Optional(Type.String({ pattern: '^[0-9]{2,6}$' })),
          industry: Type.Optional(StringEnum(INDUSTRIES)),
          ...PageQuery,
        }),
        response: { 200: Type.Array(EnterpriseSchema), ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) => {
      const { name, region, industry, limit = 50, offset = 0 } = request.query;
      return registry.listEnterprises(ctx, request.principal, {
        nameContains: name,
        regionPrefix: region,
        industry,
        limit,
        offset,
      });
    },
  );

  app.get(
    '/enterprises/:uscc',
    {
      schema: {
        tags: ['registry'],
        summary: 'One enterprise by USCC',
        params: StrictObject({ uscc: UsccInput }),
        response: { 200: EnterpriseSchema, ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) => registry.getEnterprise(ctx, request.principal, request.params.uscc),
  );

  app.post(
    '/persons',
    {
      config: { idempotent: true },
      schema: {
        tags: ['registry'],
        summary: 'Register a person (operator); name, ID and phone are encrypted at rest',
        body: StrictObject({ idNumber: ResidentIdInput, name: Name, phone: Type.Optional(Phone) }),
        response: { 201: PersonSchema, ...errorResponses(...AUTHENTICATED_ERRORS, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await registry.createPerson(ctx, request.principal, request.body)),
  );

  app.post(
    '/persons/lookup',
    {
      schema: {
        tags: ['registry'],
        summary: 'Find a person by resident ID (operator); POST keeps the ID out of URLs and logs',
        body: StrictObject({ idNumber: ResidentIdInput }),
        response: { 200: PersonSchema, ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) => registry.lookupPerson(ctx, request.principal, request.body.idNumber),
  );

  app.get(
    '/persons/:id',
    {
      schema: {
        tags: ['registry'],
        summary: 'Read a person: masked by role; lenders need consent; every read is audited',
        params: IdParams,
        querystring: StrictObject({
          purpose: Type.Optional(
            StringEnum(CONSENT_PURPOSES, 'Why a lender reads (checked against consent)'),
          ),
        }),
        response: { 200: PersonSchema, ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) =>
      registry.readPerson(
        ctx,
        request.principal,
        request.params.id,
        request.query.purpose ?? 'credit_assessment',
      ),
  );
};
