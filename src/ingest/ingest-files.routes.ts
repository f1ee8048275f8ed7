import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../platform/context.js';
import { DomainError, invalidField } from '../platform/errors.js';
import {
  AUTHENTICATED_ERRORS,
  errorResponses,
  StrictObject,
  StringEnum,
} from '../platform/http/schemas.js';
import { providerOf } from './batches.service.js';
import { BatchReportSchema, CategoryParams } from './ingest.routes.js';
import { ingestUpload } from './upload.service.js';

/**
 * File uploads, in a plugin of their own: multipart is parsed here only, so every other
 * route still answers a multipart body with 415.
 */
export const ingestFileRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  // Provider files stream through; the limit only stops runaway uploads.
  await app.register(multipart, { limits: { files: 1, fileSize: 2 * 1024 ** 3, fields: 10 } });

  app.post(
    '/ingest/:category/files',
    {
      schema: {
        tags: ['ingest'],
        summary:
          'Upload a provider file (CSV, JSON Lines, JSON array, XML) as multipart field "file"; streamed',
        consumes: ['multipart/form-data'],
        params: CategoryParams,
        querystring: StrictObject({
          format: Type.Optional(StringEnum(['csv', 'jsonl', 'json', 'xml'])),
          encoding: Type.Optional(StringEnum(['auto', 'utf-8', 'gb18030'])),
          delimiter: Type.Optional(StringEnum([',', ';', '\t', '|'])),
          xmlElement: Type.Optional(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_.-]{0,63}$' })),
        }),
        response: {
          201: BatchReportSchema,
          ...errorResponses(...AUTHENTICATED_ERRORS, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      providerOf(request.principal);
      const file = await request.file();
      if (!file) throw invalidField('file', 'required');
      const report = await ingestUpload(
        ctx,
        request.principal,
        request.params.category,
        { fileName: file.filename, stream: file.file },
        request.query,
      );
      if (file.file.truncated) throw new DomainError('PAYLOAD_TOO_LARGE');
      if (report.status === 'failed') {
        throw new DomainError('INGEST_FILE_INVALID', {
          detail: `${report.failure?.code}: ${report.failure?.detail ?? ''} (batch ${report.id})`,
        });
      }
      return reply.code(201).send(report);
    },
  );
};
