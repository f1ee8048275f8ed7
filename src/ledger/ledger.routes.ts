import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  AUTHENTICATED_ERRORS,
  DateTime,
  errorResponses,
  Nullable,
  PageQuery,
  StrictObject,
} from '../platform/http/schemas.js';
import { requireRole } from '../platform/auth/guards.js';
import type { AppContext } from '../platform/context.js';
import { DomainError, invalidField, notFound } from '../platform/errors.js';
import { listAuditEvents } from './ledger.service.js';
import {
  currentCheckpoint,
  getConsistencyProof,
  getInclusionProof,
  getReceipt,
  ledgerVerifierKey,
  readEntryBundle,
  readTile,
} from './log.service.js';
import { parseTilePath } from './merkle.js';

const AuditEventSchema = Type.Object({
  id: Type.String(),
  at: DateTime,
  actorKind: Type.String(),
  actorId: Nullable(Type.String()),
  actorRole: Nullable(Type.String()),
  actorOrganisationId: Nullable(Type.String()),
  action: Type.String(),
  subjectKind: Nullable(Type.String()),
  subjectId: Nullable(Type.String()),
  detail: Type.Object({}, { additionalProperties: true }),
});

const Binary = (description: string) =>
  Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description });
const TreeSize = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
const Hashes = Type.Array(Type.String({ description: 'base64 SHA-256' }));
const PUBLIC_ERRORS = [400, 404, 429] as const;
const required = (value: number | undefined, name: string) => {
  if (value === undefined) throw invalidField(`query.${name}`, 'required');
  return value;
};
/** Tiles and bundles never change once served (a partial one has its own URL). */
const IMMUTABLE = 'public, max-age=31536000, immutable';

export const ledgerRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/audit-events',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit trail (regulator, operator), newest first',
        querystring: StrictObject({
          action: Type.Optional(Type.String({ maxLength: 100 })),
          subjectKind: Type.Optional(Type.String({ maxLength: 40 })),
          subjectId: Type.Optional(Type.String({ maxLength: 100 })),
          ...PageQuery,
        }),
        response: { 200: Type.Array(AuditEventSchema), ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) => {
      requireRole(request.principal, 'regulator', 'operator');
      const { limit = 50, offset = 0, ...filter } = request.query;
      return listAuditEvents(ctx.db, { ...filter, limit, offset });
    },
  );

  // The log as C2SP tlog-tiles lays it out, under the prefix /ledger/.
  app.get(
    '/ledger/checkpoint',
    {
      schema: {
        tags: ['audit'],
        summary: 'The latest signed tree head (C2SP tlog-checkpoint as a signed note); public',
        security: [],
        response: { 200: Binary('text/plain; charset=utf-8'), ...errorResponses(429) },
      },
    },
    async (_request, reply) => {
      const checkpoint = await currentCheckpoint(ctx);
      return reply
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'public, max-age=5')
        .send(Buffer.from(checkpoint.note, 'utf8'));
    },
  );

  app.get(
    '/ledger/vkey',
    {
      schema: {
        tags: ['audit'],
        summary: "The log's verifier key, in signed-note vkey form; public",
        security: [],
        response: { 200: Binary('text/plain; charset=utf-8'), ...errorResponses(429) },
      },
    },
    async (_request, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .send(Buffer.from(`${await ledgerVerifierKey(ctx)}\n`, 'utf8')),
  );

  app.get(
    '/ledger/tile/*',
    {
      schema: {
        tags: ['audit'],
        summary:
          'A hash tile `tile/<L>/<N>[.p/<W>]` (public) or an entry bundle ' +
          '`tile/entries/<N>[.p/<W>]` (regulator, operator), as C2SP tlog-tiles',
        security: [],
        params: StrictObject({ '*': Type.String({ pattern: '^[0-9a-z./]*$' }) }),
        response: {
          200: Binary('application/octet-stream'),
          ...errorResponses(...AUTHENTICATED_ERRORS),
        },
      },
    },
    async (request, reply) => {
      const path = request.params['*'];
      // The router's limit on a parameter (100), which a wildcard escapes.
      if (path.length > 100) {
        throw new DomainError('MALFORMED_REQUEST', { detail: 'the tile path is too long' });
      }
      const tile = parseTilePath(path);
      if (!tile) throw invalidField('params.*', 'LEDGER_TILE_PATH');
      let body: Buffer | null;
      if (tile.level === 'entries') {
        requireRole(request.principal, 'regulator', 'operator');
        body = await readEntryBundle(ctx.db, tile.index, tile.width);
      } else {
        body = await readTile(ctx.db, tile.level, tile.index, tile.width);
      }
      if (!body) throw notFound('ledger_tile');
      return reply
        .type('application/octet-stream')
        .header('cache-control', tile.level === 'entries' ? `private, max-age=31536000` : IMMUTABLE)
        .send(body);
    },
  );

  app.get(
    '/ledger/proofs/inclusion',
    {
      schema: {
        tags: ['audit'],
        summary: 'RFC 9162 inclusion proof of leaf `index` in the tree of `size` (default latest)',
        security: [],
        // Required, but declared optional so that a missing one gets our own field error.
        querystring: StrictObject({
          index: Type.Optional(TreeSize),
          size: Type.Optional(TreeSize),
        }),
        response: {
          200: Type.Object({
            index: Type.Integer(),
            size: Type.Integer(),
            leafHash: Type.String(),
            rootHash: Type.String(),
            proof: Hashes,
            checkpoint: Type.String({ description: 'The latest signed checkpoint' }),
          }),
          ...errorResponses(...PUBLIC_ERRORS),
        },
      },
    },
    async (request) =>
      getInclusionProof(ctx, required(request.query.index, 'index'), request.query.size),
  );

  app.get(
    '/ledger/proofs/consistency',
    {
      schema: {
        tags: ['audit'],
        summary: 'RFC 9162 consistency proof from size `from` to size `to` (default latest)',
        security: [],
        querystring: StrictObject({
          from: Type.Optional(TreeSize),
          to: Type.Optional(TreeSize),
        }),
        response: {
          200: Type.Object({
            from: Type.Integer(),
            to: Type.Integer(),
            fromRoot: Type.String(),
            toRoot: Type.String(),
            proof: Hashes,
            checkpoint: Type.String(),
          }),
          ...errorResponses(...PUBLIC_ERRORS),
        },
      },
    },
    async (request) =>
      getConsistencyProof(ctx, required(request.query.from, 'from'), request.query.to),
  );

  app.get(
    '/ledger/receipts/:auditEventId',
    {
      schema: {
        tags: ['audit'],
        summary:
          "A receipt of one audit event: leaf, checkpoint, inclusion proof (the event's " +
          'borrower, regulator, operator)',
        params: StrictObject({ auditEventId: Type.String({ pattern: '^[1-9][0-9]{0,17}$' }) }),
        response: {
          200: Type.Object({
            auditEventId: Type.String(),
            index: Type.Integer(),
            entry: Type.String({ description: 'The leaf bytes, base64' }),
            leafHash: Type.String(),
            salt: Type.String(),
            content: Type.String({ description: 'The canonical JSON the leaf commits to' }),
            contentHash: Type.String(),
            treeSize: Type.Integer(),
            checkpoint: Type.String(),
            inclusionProof: Hashes,
            vkey: Type.String(),
          }),
          ...errorResponses(...AUTHENTICATED_ERRORS, 409),
        },
      },
    },
    async (request) => {
      const principal = requireRole(request.principal);
      const id = BigInt(request.params.auditEventId);
      if (id <= 0n) throw new DomainError('NOT_FOUND', { resource: '#resource.audit_event' });
      return getReceipt(ctx, principal, id);
    },
  );
};
