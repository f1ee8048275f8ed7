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
} from '../http/schemas.js';
import type { AppContext } from '../context.js';
import * as accounts from './accounts.service.js';
import { requireUser } from './guards.js';
import { ROLES } from './roles.js';

export const Login = Type.String({ minLength: 3, maxLength: 64, pattern: '^[A-Za-z0-9._@-]+$' });
export const Password = Type.String({ minLength: 1, maxLength: 128 });
const ORGANISATION_KINDS = ['platform', 'lender', 'provider', 'regulator'] as const;

export const UserSchema = Type.Object({
  id: Uuid,
  login: Type.String(),
  displayName: Type.String(),
  role: StringEnum(ROLES),
  organisationId: Nullable(Uuid),
  subject: Nullable(Type.Object({ kind: StringEnum(['enterprise', 'person']), id: Uuid })),
  status: StringEnum(['active', 'disabled']),
  lockedUntil: Nullable(DateTime),
  createdAt: DateTime,
});

const OrganisationSchema = Type.Object({
  id: Uuid,
  kind: StringEnum(ORGANISATION_KINDS),
  code: Type.String(),
  name: Type.String(),
  createdAt: DateTime,
});

const ApiKeySchema = Type.Object({
  id: Uuid,
  organisationId: Uuid,
  name: Type.String(),
  prefix: Type.String(),
  createdAt: DateTime,
  revokedAt: Nullable(DateTime),
  lastUsedAt: Nullable(DateTime),
});

export const accountsRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  app.post(
    '/auth/login',
    {
      config: {
        rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['accounts'],
        summary: 'Log in; returns a bearer session token',
        security: [],
        body: StrictObject({ login: Login, password: Password }),
        response: {
          200: Type.Object({ token: Type.String(), expiresAt: DateTime, user: UserSchema }),
          ...errorResponses(400, 401, 403, 423, 429),
        },
      },
    },
    async (request) => accounts.login(ctx, request.body, request.id),
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['accounts'],
        summary: 'End the current session',
        response: { 204: Type.Null(), ...errorResponses(401, 403) },
      },
    },
    async (request, reply) => {
      await accounts.logout(ctx, request.principal);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      schema: {
        tags: ['accounts'],
        summary: 'The logged-in user',
        response: { 200: UserSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const caller = requireUser(request.principal);
      return accounts.getUser(ctx, caller, caller.userId);
    },
  );

  app.post(
    '/users',
    {
      config: { idempotent: true },
      schema: {
        tags: ['accounts'],
        summary: 'Create a staff user (operator: any organisation; lender admin: own bank)',
        body: StrictObject({
          login: Login,
          password: Password,
          displayName: Type.String({ minLength: 1, maxLength: 100 }),
          role: StringEnum(ROLES),
          organisationId: Type.Optional(Nullable(Uuid)),
        }),
        response: { 201: UserSchema, ...errorResponses(...AUTHENTICATED_ERRORS, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await accounts.createUser(ctx, request.principal, request.body)),
  );

  app.get(
    '/users',
    {
      schema: {
        tags: ['accounts'],
        summary: 'List users (operator: all; lender admin: own bank)',
        querystring: StrictObject({
          organisationId: Type.Optional(Uuid),
          role: Type.Optional(StringEnum(ROLES)),
          ...PageQuery,
        }),
        response: { 200: Type.Array(UserSchema), ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) => {
      const { limit = 50, offset = 0, ...filter } = request.query;
      return accounts.listUsers(ctx, request.principal, { ...filter, limit, offset });
    },
  );

  app.get(
    '/users/:id',
    {
      schema: {
        tags: ['accounts'],
        summary: 'One user',
        params: IdParams,
        response: { 200: UserSchema, ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) => accounts.getUser(ctx, request.principal, request.params.id),
  );

  app.post(
    '/users/:id/unlock',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Lift a login lock (operator; lender admin for own bank)',
        params: IdParams,
        response: { 200: UserSchema, ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) => accounts.unlockUser(ctx, request.principal, request.params.id),
  );

  app.post(
    '/organisations',
    {
      config: { idempotent: true },
      schema: {
        tags: ['accounts'],
        summary: 'Create an organisation (operator)',
        body: StrictObject({
          kind: StringEnum(ORGANISATION_KINDS),
          code: Type.String({ minLength: 2, maxLength: 40, pattern: '^[a-z0-9][a-z0-9-]+$' }),
          name: Type.String({ minLength: 1, maxLength: 200 }),
        }),
        response: { 201: OrganisationSchema, ...errorResponses(...AUTHENTICATED_ERRORS, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await accounts.createOrganisation(ctx, request.principal, request.body)),
  );

  app.get(
    '/organisations',
    {
      schema: {
        tags: ['accounts'],
        summary: 'List organisations (lenders, providers, …)',
        querystring: StrictObject({ kind: Type.Optional(StringEnum(ORGANISATION_KINDS)) }),
        response: {
          200: Type.Array(OrganisationSchema),
          ...errorResponses(...AUTHENTICATED_ERRORS),
        },
      },
    },
    async (request) => accounts.listOrganisations(ctx, request.principal, request.query.kind),
  );

  app.get(
    '/organisations/:id',
    {
      schema: {
        tags: ['accounts'],
        summary: 'One organisation',
        params: IdParams,
        response: { 200: OrganisationSchema, ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) => accounts.getOrganisation(ctx, request.principal, request.params.id),
  );

  app.post(
    '/organisations/:id/api-keys',
    {
      config: { idempotent: true },
      schema: {
        tags: ['accounts'],
        summary: "Issue a data provider's API key; the key is shown in this response only",
        params: IdParams,
        body: StrictObject({ name: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: {
          201: Type.Object({ apiKey: ApiKeySchema, key: Type.String() }),
          ...errorResponses(...AUTHENTICATED_ERRORS),
        },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await accounts.createApiKey(ctx, request.principal, request.params.id, request.body)),
  );

  app.get(
    '/organisations/:id/api-keys',
    {
      schema: {
        tags: ['accounts'],
        summary: "A provider's API keys (without secrets)",
        params: IdParams,
        response: { 200: Type.Array(ApiKeySchema), ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) => accounts.listApiKeys(ctx, request.principal, request.params.id),
  );

  app.post(
    '/api-keys/:id/revoke',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Revoke an API key at once',
        params: IdParams,
        response: { 200: ApiKeySchema, ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) => accounts.revokeApiKey(ctx, request.principal, request.params.id),
  );
};
