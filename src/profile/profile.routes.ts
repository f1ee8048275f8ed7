import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../platform/context.js';
import {
  AUTHENTICATED_ERRORS,
  DateTime,
  errorResponses,
  IdParams,
  StrictObject,
  StringEnum,
  Uuid,
} from '../platform/http/schemas.js';
import { pickLocale } from '../platform/locale.js';
import { CONSENT_PURPOSES } from '../registry/consent.js';
import type { SubjectTarget } from '../registry/registry.service.js';
import { readProfile } from './profile-read.service.js';

const FeatureSchema = Type.Object({
  name: Type.String(),
  label: Type.String(),
  unit: Type.String(),
  categories: Type.Array(Type.String()),
  value: Type.Union([Type.Number(), Type.String(), Type.Null()]),
  display: Type.String(),
  sources: Type.Array(Type.String(), { description: 'Ids of the records it comes from' }),
  sourceCount: Type.Integer(),
  asOf: Type.String({ format: 'date' }),
  underObjection: Type.Boolean({
    description: 'A source record is under an open objection (异议处理中): the value may change',
  }),
});

export const ProfileSchema = Type.Object({
  subject: Type.Object({ kind: StringEnum(['enterprise', 'person']), id: Uuid }),
  asOf: Type.String({ format: 'date' }),
  recordCount: Type.Integer(),
  computedAt: DateTime,
  features: Type.Array(FeatureSchema),
  recordsUnderObjection: Type.Array(Type.String(), {
    description: "The subject's records under an open objection, shown to every reader",
  }),
});

export const PurposeQuery = StrictObject({
  purpose: Type.Optional(
    StringEnum(CONSENT_PURPOSES, 'Why a lender reads (checked against consent)'),
  ),
});

export const UsccParams = StrictObject({ uscc: Type.String({ minLength: 1, maxLength: 40 }) });

export const profileRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  const routes = subjectRoutes('profile', 'credit profile');
  for (const route of routes) {
    app.get(
      route.url,
      {
        schema: {
          tags: ['profile'],
          summary: `${route.summary}: every feature with its source records; lenders need consent to credit_profile; audited`,
          ...(route.params ? { params: route.params } : {}),
          querystring: PurposeQuery,
          response: { 200: ProfileSchema, ...errorResponses(...AUTHENTICATED_ERRORS) },
        },
      },
      async (request) =>
        readProfile(
          ctx,
          request.principal,
          targetOf(request.params as Record<string, string>),
          request.query.purpose ?? 'credit_assessment',
          pickLocale(request.headers['accept-language']),
        ),
    );
  }
};

/** The three addresses of a subject's credit data: an enterprise, a person, oneself. */
export function subjectRoutes(
  suffix: string,
  noun: string,
): { url: string; summary: string; params?: typeof UsccParams | typeof IdParams }[] {
  return [
    { url: `/enterprises/:uscc/${suffix}`, summary: `An enterprise's ${noun}`, params: UsccParams },
    { url: `/persons/:id/${suffix}`, summary: `A person's ${noun}`, params: IdParams },
    { url: `/me/${suffix}`, summary: `The signed-in borrower's own ${noun}` },
  ];
}

/** The subject a route's parameters name. */
export function targetOf(params: Record<string, string>): SubjectTarget {
  if (params.uscc !== undefined) return { kind: 'enterprise', uscc: params.uscc };
  if (params.id !== undefined) return { kind: 'person', id: params.id };
  return { kind: 'self' };
}
