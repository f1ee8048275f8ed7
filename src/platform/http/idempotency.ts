import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { principalId } from '../auth/roles.js';
import type { AppContext } from '../context.js';
import type { Db, Tx } from '../db.js';
import { DomainError, invalidField } from '../errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * A creating POST: honours `Idempotency-Key`. `'in_transaction'`: the handler keeps the
     * key and its answer in its own transaction ({@link answerWithKeyInTransaction}).
     */
    idempotent?: boolean | 'in_transaction';
  }
  interface FastifyRequest {
    idempotencyKey: IdempotencyClaim | null;
  }
}

/** The key a request came with, and whether its answer has been kept. */
export interface IdempotencyClaim {
  readonly principal: string;
  readonly key: string;
  readonly method: string;
  readonly route: string;
  readonly requestHash: string;
  /** The handler keeps the key with its answer, in its transaction. */
  readonly inTransaction: boolean;
  /** Kept with the answer, or answered by a replay: nothing left to store. */
  settled: boolean;
}

/** The answer kept for the key, to give instead of running the request again. */
class IdempotentReplay extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: string,
  ) {
    super('replay of the answer kept for this Idempotency-Key');
    this.name = 'IdempotentReplay';
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
    const inTransaction = request.routeOptions.config.idempotent === 'in_transaction';
    const claim: IdempotencyClaim = {
      principal,
      key,
      method: request.method,
      route,
      requestHash,
      inTransaction,
      settled: false,
    };
    if (inTransaction) {
      request.idempotencyKey = claim;
      return;
    }
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
      request.idempotencyKey = claim;
      return;
    }
    const replay = await keptAnswer(ctx.db, claim);
    return sendReplay(reply, replay);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const owned = request.idempotencyKey;
    if (!owned || owned.settled) return payload;
    request.idempotencyKey = null;
    if (owned.inTransaction) return failedInTransaction(ctx, reply, owned, payload);
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

/** A handler's transaction's last write: its request's key with the answer. */
export interface KeyInTransaction<Answer> {
  readonly last: (tx: Tx, answer: Answer) => Promise<void>;
}

/**
 * Answers a creating POST whose handler keeps its Idempotency-Key in its own transaction
 * (route config `idempotent: 'in_transaction'`): `run` passes `around` to the transaction,
 * which keeps the key with its answer (serialised by the route's response schema) as its
 * last write. The key is not read first: a fresh key (nearly every request) costs no round
 * trip, and a repeat does the work again, finds the key kept when it comes to keep it, is
 * rolled back and replays the kept answer. A repeat that fails on the way (its request is
 * refused now) replays the kept answer too, in `onSend`.
 */
export async function answerWithKeyInTransaction<Answer>(
  request: FastifyRequest,
  reply: FastifyReply,
  statusCode: number,
  now: () => Date,
  run: (around: KeyInTransaction<Answer>) => Promise<unknown>,
) {
  let payload = '';
  try {
    await run({
      last: async (tx, answer) => {
        payload = serializedAs(reply, statusCode, answer);
        await keepAnswer(tx, request, statusCode, payload, now());
      },
    });
  } catch (error) {
    if (!(error instanceof IdempotentReplay)) throw error;
    return sendReplay(reply, error);
  }
  return reply.code(statusCode).type('application/json; charset=utf-8').send(payload);
}

/** An answer as the route's response schema for `statusCode` serialises it. */
function serializedAs(reply: FastifyReply, statusCode: number, answer: unknown): string {
  const body = reply.code(statusCode).serialize(answer);
  return typeof body === 'string' ? body : Buffer.from(body as ArrayBuffer).toString('utf8');
}

/** Sends a kept answer again, marked as a replay. */
const sendReplay = (reply: FastifyReply, replay: IdempotentReplay) =>
  reply.send(asReplay(reply, replay));

/** Sets the reply up as a replay of a kept answer; its body. */
function asReplay(reply: FastifyReply, replay: IdempotentReplay): string {
  reply
    .code(replay.statusCode)
    .header('idempotent-replayed', 'true')
    .type('application/json; charset=utf-8');
  return replay.body;
}

/**
 * The answer kept for a claim's key: a replay of it, or the reason there is none to give (the
 * key was used for another request, or its first request is still running).
 */
async function keptAnswer(db: Db | Tx, claim: IdempotencyClaim): Promise<IdempotentReplay> {
  const replay = await keptAnswerIfAny(db, claim);
  if (!replay) throw new Error(`idempotency key ${claim.key} vanished`);
  return replay;
}

async function keptAnswerIfAny(
  db: Db | Tx,
  claim: IdempotencyClaim,
): Promise<IdempotentReplay | undefined> {
  const first = await db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('principal', '=', claim.principal)
    .where('key', '=', claim.key)
    .executeTakeFirst();
  if (!first) return undefined;
  if (first.request_hash !== claim.requestHash) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
  if (first.status_code === null || first.response_body === null) {
    throw new DomainError('IDEMPOTENCY_IN_PROGRESS');
  }
  return new IdempotentReplay(first.status_code, first.response_body);
}

const keepRow = (
  db: Db | Tx,
  claim: IdempotencyClaim,
  statusCode: number,
  body: string,
  at: Date,
) =>
  db
    .insertInto('idempotency_keys')
    .values({
      principal: claim.principal,
      key: claim.key,
      method: claim.method,
      route: claim.route,
      request_hash: claim.requestHash,
      status_code: statusCode,
      response_body: body,
      completed_at: at,
    })
    .onConflict((oc) => oc.columns(['principal', 'key']).doNothing())
    .returning('key');

/**
 * A request with its key kept in the handler's transaction whose handler failed: the answer
 * kept for the key by a twin that ran before (or ran at the same time and committed first)
 * is replayed instead of this failure; otherwise a refusal is kept for the key, as on other
 * routes, and a 5xx is not, so that the client may retry. A key kept for another request
 * leaves this failure as it is.
 */
async function failedInTransaction(
  ctx: AppContext,
  reply: FastifyReply,
  claim: IdempotencyClaim,
  payload: unknown,
): Promise<unknown> {
  if (reply.statusCode < 500) {
    const kept = await keepRow(
      ctx.db,
      claim,
      reply.statusCode,
      String(payload),
      ctx.now(),
    ).executeTakeFirst();
    if (kept) return payload;
  }
  // Headers are written after `onSend`: the kept answer can still take this one's place.
  const twin = await keptAnswerIfAny(ctx.db, claim).catch(() => undefined);
  return twin ? asReplay(reply, twin) : payload;
}

/**
 * Keeps a request's key with its answer in the handler's transaction, as its last write:
 * the answer exists exactly when the change does, and no separate claim or update is
 * written. Another request with the same key that is still running holds the key's index
 * entry: this insert waits for it, and when it committed, throws the {@link IdempotentReplay}
 * of its answer (the caller's transaction is rolled back, so this request changed nothing).
 * Does nothing for a request without a key.
 */
async function keepAnswer(
  tx: Tx,
  request: FastifyRequest,
  statusCode: number,
  body: string,
  at: Date,
): Promise<void> {
  const claim = request.idempotencyKey;
  if (!claim?.inTransaction) return;
  const kept = await keepRow(tx, claim, statusCode, body, at).executeTakeFirst();
  const replay = kept ? undefined : await keptAnswer(tx, claim);
  claim.settled = true;
  if (replay) throw replay;
}
