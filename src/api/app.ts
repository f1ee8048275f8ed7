import { randomUUID } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { archiveRoutes } from '../archive/archive.routes.js';
import { ingestFileRoutes } from '../ingest/ingest-files.routes.js';
import { ingestRoutes } from '../ingest/ingest.routes.js';
import { outageRoutes } from '../ingest/outages.routes.js';
import { ledgerRoutes } from '../ledger/ledger.routes.js';
import { notifyRoutes } from '../notify/notify.routes.js';
import { loansRoutes } from '../loans/loans.routes.js';
import { servicingRoutes } from '../loans/servicing.routes.js';
import { disputesRoutes } from '../disputes/disputes.routes.js';
import { monitorRoutes } from '../monitor/monitor.routes.js';
import { profileRoutes } from '../profile/profile.routes.js';
import { rulesRoutes } from '../rules/rules.routes.js';
import { scoringRoutes } from '../scoring/scoring.routes.js';
import { accountsRoutes } from '../platform/auth/accounts.routes.js';
import type { AppContext } from '../platform/context.js';
import { healthRoutes, type DemoStatus } from '../platform/health.routes.js';
import { createLogger } from '../platform/logging.js';
import type { DestinationStream } from 'pino';
import { consentRoutes } from '../registry/consent.routes.js';
import { registryRoutes } from '../registry/registry.routes.js';
import { installAuthentication } from '../platform/http/auth-hook.js';
import { handleFrameworkError, installErrorHandler } from '../platform/http/error-handler.js';
import { installIdempotency } from '../platform/http/idempotency.js';
import { installMetrics } from '../platform/http/metrics.js';
import { ErrorBody } from '../platform/http/schemas.js';
import { validatorCompiler } from '../platform/http/validation.js';
import { installWeb } from './web.js';

export interface BuildOptions {
  /** Pino level; `silent` for tests. */
  readonly logLevel?: string;
  /** Where log lines go (default stdout); tests capture them here. */
  readonly logStream?: DestinationStream;
  /** The built web portals (default dist/web). */
  readonly webDir?: string;
  /** The demo seeding's state, shown by `/healthz` (`xinyi serve` seeds it after listening). */
  readonly demoStatus?: () => DemoStatus;
}

/**
 * Builds the HTTP server from the domains' routes. It does not listen: the CLI calls
 * `listen`, tests call `inject`.
 *
 * @example
 * const app = await buildApp(ctx, { logLevel: 'silent' });
 * const res = await app.inject({ method: 'GET', url: '/healthz' });
 */
export async function buildApp(
  ctx: AppContext,
  options: BuildOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: createLogger(options.logLevel ?? ctx.config.logLevel, options.logStream),
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false } },
    bodyLimit: 1024 * 1024,
    trustProxy: false,
    frameworkErrors: handleFrameworkError,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.addSchema(ErrorBody);
  installErrorHandler(app);
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    return payload;
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'xinyi 信易 API',
        version: '0.1.0',
        description:
          'Credit-based lending for small businesses and individuals. Errors are ' +
          '`{ error: { code, message, fields[] } }`; messages follow `Accept-Language` (zh-CN, en).',
      },
      components: {
        securitySchemes: {
          session: { type: 'http', scheme: 'bearer', description: 'Token from POST /auth/login' },
          apiKey: {
            type: 'apiKey',
            in: 'header',
            name: 'X-Api-Key',
            description: 'Data-provider key',
          },
        },
      },
      security: [{ session: [] }, { apiKey: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(rateLimit, { global: false });

  const metrics = installMetrics(app);
  installAuthentication(app, ctx);
  installIdempotency(app, ctx);

  await app.register(healthRoutes, { ctx, metrics, demoStatus: options.demoStatus });
  await app.register(accountsRoutes, { ctx });
  await app.register(registryRoutes, { ctx });
  await app.register(consentRoutes, { ctx });
  await app.register(ledgerRoutes, { ctx });
  await app.register(ingestRoutes, { ctx });
  await app.register(ingestFileRoutes, { ctx });
  await app.register(outageRoutes, { ctx });
  await app.register(profileRoutes, { ctx });
  await app.register(scoringRoutes, { ctx });
  await app.register(rulesRoutes, { ctx });
  await app.register(loansRoutes, { ctx });
  await app.register(servicingRoutes, { ctx });
  await app.register(disputesRoutes, { ctx });
  await app.register(monitorRoutes, { ctx });
  await app.register(notifyRoutes, { ctx });
  await app.register(archiveRoutes, { ctx });
  await installWeb(app, options.webDir);
  await app.ready();
  return app;
}
