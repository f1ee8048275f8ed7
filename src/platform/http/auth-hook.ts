import type { FastifyInstance } from 'fastify';
import { authenticateApiKey, authenticateToken } from '../auth/accounts.service.js';
import type { Principal } from '../auth/roles.js';
import type { AppContext } from '../context.js';
import { DomainError } from '../errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller, or null. Routes decide whether they need one. */
    principal: Principal | null;
  }
}

/**
 * Resolves `Authorization: Bearer <session token>` (people) or `X-Api-Key` /
 * `Authorization: ApiKey <key>` (data providers) into `request.principal`. A credential that
 * is present but wrong is refused at once rather than treated as anonymous.
 */
export function installAuthentication(app: FastifyInstance, ctx: AppContext) {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    const apiKeyHeader = request.headers['x-api-key'];
    let principal: Principal | null = null;
    if (typeof apiKeyHeader === 'string') {
      principal = await authenticateApiKey(ctx, apiKeyHeader);
    } else if (header) {
      const [scheme = '', credential = ''] = header.split(' ', 2);
      if (scheme.toLowerCase() === 'bearer') principal = await authenticateToken(ctx, credential);
      else if (scheme.toLowerCase() === 'apikey')
        principal = await authenticateApiKey(ctx, credential);
    } else {
      return;
    }
    if (!principal) throw new DomainError('UNAUTHENTICATED');
    request.principal = principal;
  });
}
