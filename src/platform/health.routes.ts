import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import type { Registry } from 'prom-client';
import { Type } from 'typebox';
import { ErrorRef, StringEnum } from './http/schemas.js';
import type { AppContext } from './context.js';

/** Where this node's demo seeding stands: it runs in the background after the server listens. */
export const DEMO_STATUSES = ['seeding', 'ready', 'failed'] as const;
export type DemoStatus = (typeof DEMO_STATUSES)[number];

export interface HealthOptions {
  readonly ctx: AppContext;
  readonly metrics: Registry;
  /** The demo's state on a node that seeds it; absent where it does not (`SEED_DEMO=false`). */
  readonly demoStatus?: (() => DemoStatus) | undefined;
}

export const healthRoutes: FastifyPluginAsyncTypebox<HealthOptions> = async (
  app,
  { ctx, metrics, demoStatus },
) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Liveness: the process is up',
        description:
          'With `demo` on a node that seeds the demo: `seeding` while its data, scorecards ' +
          'and lending history are still being seeded in the background (the API already ' +
          'answers and the demo accounts can sign in), `ready` once done, `failed` if it ' +
          'failed (the next start resumes it).',
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            demo: Type.Optional(StringEnum(DEMO_STATUSES)),
          }),
        },
      },
    },
    async () =>
      demoStatus ? { status: 'ok' as const, demo: demoStatus() } : { status: 'ok' as const },
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
