import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import type { Registry } from 'prom-client';
import { Type } from 'typebox';
import { ErrorRef, StringEnum } from './http/schemas.js';
import type { AppContext } from './context.js';

export interface HealthOptions {
  readonly ctx: AppContext;
  readonly metrics: Registry;
}

export const healthRoutes: FastifyPluginAsyncTypebox<HealthOptions> = async (
  app,
  { ctx, metrics },
) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Liveness: the process is up',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Readiness: the database answers',
        response: {
          200: Type.Object({
            status: Type.Literal('ready'),
            database: StringEnum(['pglite', 'postgres']),
          }),
          503: ErrorRef,
        },
      },
    },
    async (request, reply) => {
      try {
        await sql`select 1`.execute(ctx.db);
        return { status: 'ready' as const, database: ctx.engine };
      } catch (error) {
        request.log.error({ err: error }, 'database not ready');
        return reply.code(503).send({
          error: {
            code: 'DATABASE_UNAVAILABLE',
            message: 'database unavailable / 数据库不可用',
            fields: [],
          },
        });
      }
    },
  );

  app.get(
    '/metrics',
    {
      schema: {
        tags: ['operations'],
        summary: 'Prometheus metrics',
        response: { 200: Type.String() },
      },
    },
    async (_request, reply) => {
      reply.type(metrics.contentType);
      return metrics.metrics();
    },
  );
};
