import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { principalId } from '../auth/roles.js';
import type { AppContext } from '../context.js';
import { DomainError, invalidField } from '../errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A creating POST: honours `Idempotency-Key`. */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotencyKey: { principal: string; key: string } | null;
  }
}

/** JSON with object keys sorted, so that key order does not change a request's hash. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on creating POSTs: the first request with a key runs and its response
 * (any status below 500) is stored; the same key with the same request replays that
 * response; the same key with another request is 409. Keys are scoped to the caller.
 * A 5xx releases the key so that the client may retry.
 */
export function installIdempotency(app: FastifyInstance, ctx: AppContext) {
  app.decorateRequest('idempotencyKey', null);

  app.addHook('preHandler', async (request, reply) => {
    if (!request.routeOptions.config.idempotent) return;
    const key = request.headers['idempotency-key'];
    if (key === undefined) return;
    if (typeof key !== 'string' || !KEY_SHAPE.test(key)) {
      throw invalidField('headers.idempotency-key', 'pattern');
    }
    // Anonymous callers (registration) are told apart by address, so that one client cannot
    // spend another's key.
    const principal = request.principal
      ? principalId(request.principal)
      : `anonymous:${request.ip}`;
    const route = request.routeOptions.url ?? request.url;
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.url}\n${canonical(request.body)}`)
      .digest('hex');
    const inserted = await ctx.db
      .insertInto('idempotency_keys')
      .values({
        principal,
        key,
        method: request.method,
        route,
        request_hash: requestHash,
        status_code: null,
        response_body: null,
        completed_at: null,
      })
      .onConflict((oc) => oc.columns(['principal', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (inserted) {
      request.idempotencyKey = { principal, key };
      return;
    }
    const first = await ctx.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('principal', '=', principal)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    if (first.request_hash !== requestHash) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
    if (first.status_code === null || first.response_body === null) {
      throw new DomainError('IDEMPOTENCY_IN_PROGRESS');
    }
    return reply
      .code(first.status_code)
      .header('idempotent-replayed', 'true')
      .type('application/json; charset=utf-8')
      .send(first.response_body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const owned = request.idempotencyKey;
    if (!owned) return payload;
    request.idempotencyKey = null;
    const row = ctx.db
      .updateTable('idempotency_keys')
      .where('principal', '=', owned.principal)
      .where('key', '=', owned.key);
    if (reply.statusCode >= 500) {
      await ctx.db
        .deleteFrom('idempotency_keys')
        .where('principal', '=', owned.principal)
        .where('key', '=', owned.key)
        .execute();
    } else {
      await row
        .set({
          status_code: reply.statusCode,
          response_body: String(payload),
          completed_at: ctx.now(),
        })
        .execute();
    }
    return payload;
  });
}
