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
import { pickLocale } from '../platform/locale.js';
import { PurposeQuery, subjectRoutes, targetOf } from '../profile/profile.routes.js';
import * as models from './models.service.js';
import { readOwnScoreHistory, readScore } from './score-read.service.js';

const ScoreSchema = Type.Object({
  subject: Type.Object({ kind: StringEnum(['enterprise', 'person']), id: Uuid }),
  score: Type.Integer(),
  grade: Type.String({ description: 'A (safest) to E, by probability of default' }),
  probabilityOfDefault: Type.Number(),
  model: Type.Object({ id: Uuid, segment: Type.String(), version: Type.Integer() }),
  reasons: Type.Array(Type.Object({ feature: Type.String(), text: Type.String() }), {
    description: 'What pulls the score down most, worded for the borrower',
  }),
  computedAt: DateTime,
});

const ModelSummarySchema = Type.Object({
  id: Uuid,
  subjectKind: StringEnum(['enterprise', 'person']),
  segment: Type.String(),
  version: Type.Integer(),
  status: StringEnum(['trained', 'active', 'retired']),
  trainingDataHash: Type.String(),
  parameters: Type.Record(Type.String(), Type.Unknown()),
  metrics: Type.Record(Type.String(), Type.Unknown()),
  createdBy: Type.String(),
  createdAt: DateTime,
  activatedAt: Nullable(DateTime),
  retiredAt: Nullable(DateTime),
});

const CHARTS = ['roc', 'ks', 'scores'] as const;

export const scoringRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  const scoreRoutes = subjectRoutes('score', 'current score');
  for (const route of scoreRoutes) {
    app.get(
      route.url,
      {
        schema: {
          tags: ['scoring'],
          summary: `${route.summary}, grade, probability of default and reasons; lenders need consent to credit_profile; audited`,
          ...(route.params ? { params: route.params } : {}),
          querystring: PurposeQuery,
          response: { 200: ScoreSchema, ...errorResponses(...AUTHENTICATED_ERRORS) },
        },
      },
      async (request) =>
        readScore(
          ctx,
          request.principal,
          targetOf(request.params as Record<string, string>),
          request.query.purpose ?? 'credit_assessment',
          pickLocale(request.headers['accept-language']),
        ),
    );
  }

  app.get(
    '/me/score/history',
    {
      schema: {
        tags: ['scoring'],
        summary:
          "The signed-in borrower's own scores over time, newest first (each a change of model or values); audited",
        response: {
          200: Type.Object({
            subject: Type.Object({ kind: StringEnum(['enterprise', 'person']), id: Uuid }),
            scores: Type.Array(
              Type.Object({
                score: Type.Integer(),
                grade: Type.String(),
                probabilityOfDefault: Type.Number(),
                model: Type.Object({ id: Uuid, segment: Type.String(), version: Type.Integer() }),
                trigger: StringEnum(['record_change', 'rescore', 'model_activated']),
                computedAt: DateTime,
              }),
            ),
          }),
          ...errorResponses(...AUTHENTICATED_ERRORS),
        },
      },
    },
    async (request) => readOwnScoreHistory(ctx, request.principal),
  );

  app.get(
    '/scoring/models',
    {
      schema: {
        tags: ['scoring'],
        summary: 'Scorecard versions with their metrics (operator, regulator)',
        querystring: StrictObject({
          subjectKind: Type.Optional(StringEnum(['enterprise', 'person'])),
          segment: Type.Optional(Type.String({ maxLength: 40 })),
        }),
        response: {
          200: Type.Array(ModelSummarySchema),
          ...errorResponses(...AUTHENTICATED_ERRORS),
        },
      },
    },
    async (request) =>
      models.listModels(ctx, request.principal, {
        ...(request.query.subjectKind ? { kind: request.query.subjectKind } : {}),
        ...(request.query.segment ? { segment: request.query.segment } : {}),
      }),
  );

  app.get(
    '/scoring/models/:id',
    {
      schema: {
        tags: ['scoring'],
        summary: 'One scorecard version: metrics and the points table of every feature',
        params: IdParams,
        response: {
          200: Type.Intersect([ModelSummarySchema, Type.Object({ scorecard: Type.Unknown() })]),
          ...errorResponses(...AUTHENTICATED_ERRORS),
        },
      },
    },
    async (request) => models.getModel(ctx, request.principal, request.params.id),
  );

  app.get(
    '/scoring/models/:id/charts/:chart',
    {
      schema: {
        tags: ['scoring'],
        summary: 'A validation chart of the model on its test set, as SVG (roc, ks, scores)',
        params: StrictObject({ id: Uuid, chart: StringEnum(CHARTS) }),
        response: { 200: Type.String(), ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request, reply) => {
      const model = await models.getModel(ctx, request.principal, request.params.id);
      const charts = model.metrics.charts as Record<string, string> | undefined;
      return reply.type('image/svg+xml; charset=utf-8').send(charts?.[request.params.chart] ?? '');
    },
  );

  app.post(
    '/scoring/models/:id/activate',
    {
      schema: {
        tags: ['scoring'],
        summary:
          'Make a trained version the active one of its segment (operator); audited; everyone is rescored',
        params: IdParams,
        response: {
          200: ModelSummarySchema,
          ...errorResponses(...AUTHENTICATED_ERRORS, 409),
        },
      },
    },
    async (request) => models.activateModelAs(ctx, request.principal, request.params.id),
  );

  app.get(
    '/scoring/models/:id/stability',
    {
      schema: {
        tags: ['scoring'],
        summary: 'PSI of the live scores of a model and CSI of its features, against training',
        params: IdParams,
        response: {
          200: Type.Object({
            modelId: Uuid,
            liveScores: Type.Integer(),
            psi: Nullable(Type.Number()),
            bins: Type.Array(
              Type.Object({
                lower: Nullable(Type.Number()),
                upper: Nullable(Type.Number()),
                expectedShare: Type.Number(),
                actualShare: Type.Number(),
                contribution: Type.Number(),
              }),
            ),
            characteristics: Type.Array(
              Type.Object({
                feature: Type.String(),
                csi: Type.Number(),
                bins: Type.Array(
                  Type.Object({ expectedShare: Type.Number(), actualShare: Type.Number() }),
                ),
              }),
            ),
          }),
          ...errorResponses(...AUTHENTICATED_ERRORS),
        },
      },
    },
    async (request) => models.modelStability(ctx, request.principal, request.params.id),
  );
};
