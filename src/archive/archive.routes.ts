import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { getApplication } from '../loans/applications.service.js';
import type { UserPrincipal } from '../platform/auth/guards.js';
import type { Principal } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import { DomainError, invalidField } from '../platform/errors.js';
import {
  AUTHENTICATED_ERRORS,
  DateTime,
  errorResponses,
  IdParams,
  Nullable,
  PageQuery,
  StrictObject,
  StringEnum,
  Uuid,
} from '../platform/http/schemas.js';
import {
  DOCUMENT_KINDS,
  getDocument,
  listDocuments,
  MAX_DOCUMENT_BYTES,
  readDocumentContent,
  sha256Hex,
  uploadDocument,
  type AccessOptions,
} from './archive.service.js';

const DocumentSchema = Type.Object({
  id: Uuid,
  sha256: Type.String({ description: 'Hex SHA-256 of the content: its address and ETag' }),
  sizeBytes: Type.Integer(),
  mediaType: Type.String(),
  fileName: Type.String(),
  kind: StringEnum(DOCUMENT_KINDS),
  retainUntil: Type.String({ format: 'date', description: 'Kept at least until this day' }),
  createdAt: DateTime,
  applicationId: Nullable(Uuid),
});

interface ReceivedFile {
  readonly content: Buffer;
  readonly fileName: string;
  readonly mediaType: string;
  readonly truncated: boolean;
}

/**
 * Whether the caller may see a loan application, asked of the loans domain (its owner). Any
 * refusal (not found, wrong role) is a no; other failures are failures.
 */
function applicationAccess(ctx: AppContext, principal: Principal | null) {
  const seen = new Map<string, Promise<boolean>>();
  return (applicationId: string): Promise<boolean> => {
    let answer = seen.get(applicationId);
    if (!answer) {
      answer = getApplication(ctx, principal, applicationId).then(
        () => true,
        (error: unknown) => {
          if (error instanceof DomainError) return false;
          throw error;
        },
      );
      seen.set(applicationId, answer);
    }
    return answer;
  };
}

/** Beyond owner, data subject, operator and regulator: whoever may see the application. */
function throughApplication(ctx: AppContext, principal: Principal | null): AccessOptions {
  const maySee = applicationAccess(ctx, principal);
  return {
    authorise: async (document, _actor: UserPrincipal) =>
      document.applicationId !== null && maySee(document.applicationId),
  };
}

/** `attachment` with the name in ASCII and, for any other characters, RFC 5987 UTF-8. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * The e-archive over HTTP. Uploads are multipart, parsed in this plugin only. The file part
 * is read whole (at most MAX_DOCUMENT_BYTES) before validation, and stands in the body as its
 * SHA-256, so the body schema checks the fields and `Idempotency-Key` covers the content.
 */
export const archiveRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  const received = new WeakMap<FastifyRequest, ReceivedFile>();
  // A file over the limit arrives truncated and is refused with the limit named (below).
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { files: 1, fileSize: MAX_DOCUMENT_BYTES, fields: 4, parts: 5, fieldSize: 1024 },
  });

  // The body, read here so that validation and Idempotency-Key see it: text fields as they
  // are, the file as its SHA-256 (its bytes wait in `received`). Whatever the multipart reader
  // cannot read is the client's fault (400, or 413 over a limit), never a 500.
  app.addHook('preValidation', async (request) => {
    if (!request.isMultipart()) return;
    if (!/;\s*boundary=/i.test(request.headers['content-type'] ?? '')) {
      throw new DomainError('MALFORMED_REQUEST', { detail: 'multipart body without a boundary' });
    }
    const body: Record<string, unknown> = {};
    const add = (name: string, value: unknown) => {
      const earlier = Object.hasOwn(body, name) ? body[name] : undefined;
      body[name] =
        earlier === undefined
          ? value
          : Array.isArray(earlier)
            ? [...(earlier as unknown[]), value]
            : [earlier, value];
    };
    try {
      for await (const part of request.parts()) {
        if (part.type === 'field') {
          add(part.fieldname, part.value);
          continue;
        }
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) chunks.push(chunk as Buffer);
        const content = Buffer.concat(chunks);
        received.set(request, {
          content,
          fileName: part.filename,
          mediaType: part.mimetype,
          truncated: part.file.truncated,
        });
        add(part.fieldname, sha256Hex(content));
      }
    } catch (error) {
      if ((error as { statusCode?: unknown }).statusCode === 413) {
        throw new DomainError('PAYLOAD_TOO_LARGE');
      }
      throw new DomainError('MALFORMED_REQUEST', { detail: 'unreadable multipart body' });
    }
    request.body = body;
  });

  app.post(
    '/archive/documents',
    {
      config: { idempotent: true },
      schema: {
        tags: ['archive'],
        summary:
          'Archive a document (multipart: "file", "kind", optional "applicationId"); at most 10 MB',
        consumes: ['multipart/form-data'],
        body: StrictObject({
          file: Type.String({ description: 'The document, as a file part' }),
          kind: StringEnum(DOCUMENT_KINDS),
          applicationId: Type.Optional(Uuid),
        }),
        response: {
          201: DocumentSchema,
          ...errorResponses(...AUTHENTICATED_ERRORS, 413),
        },
      },
    },
    async (request, reply) => {
      const file = received.get(request);
      if (!file) throw invalidField('file', 'not_a_file');
      if (file.truncated) {
        throw new DomainError('DOCUMENT_TOO_LARGE', { limitMb: MAX_DOCUMENT_BYTES / 1024 ** 2 });
      }
      const stored = await uploadDocument(
        ctx,
        request.principal,
        {
          content: file.content,
          mediaType: file.mediaType,
          fileName: file.fileName,
          kind: request.body.kind,
          applicationId: request.body.applicationId,
        },
        { mayAttachTo: applicationAccess(ctx, request.principal) },
      );
      return reply.code(201).send(stored);
    },
  );

  app.get(
    '/archive/documents',
    {
      schema: {
        tags: ['archive'],
        summary:
          'Your documents, newest first; with applicationId, the documents of that application you may see',
        querystring: StrictObject({ applicationId: Type.Optional(Uuid), ...PageQuery }),
        response: { 200: Type.Array(DocumentSchema), ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) =>
      listDocuments(
        ctx,
        request.principal,
        {
          applicationId: request.query.applicationId,
          limit: request.query.limit ?? 50,
          offset: request.query.offset ?? 0,
        },
        throughApplication(ctx, request.principal),
      ),
  );

  app.get(
    '/archive/documents/:id',
    {
      schema: {
        tags: ['archive'],
        summary: "A document's metadata",
        params: IdParams,
        response: { 200: DocumentSchema, ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) =>
      getDocument(
        ctx,
        request.principal,
        request.params.id,
        throughApplication(ctx, request.principal),
      ),
  );

  app.get(
    '/archive/documents/:id/content',
    {
      schema: {
        tags: ['archive'],
        summary: "A document's bytes in its media type, ETag its SHA-256; every read is audited",
        params: IdParams,
        response: {
          200: Type.Unsafe<Buffer>({
            type: 'string',
            format: 'binary',
            description: 'The document, as a download',
          }),
          ...errorResponses(...AUTHENTICATED_ERRORS),
        },
      },
    },
    async (request, reply) => {
      const { document, content } = await readDocumentContent(
        ctx,
        request.principal,
        request.params.id,
        throughApplication(ctx, request.principal),
      );
      // Uploaded bytes are never rendered in the API's origin: a download, unsniffed, sandboxed.
      return reply
        .type(document.mediaType)
        .header('etag', `"${document.sha256}"`)
        .header('content-disposition', contentDisposition(document.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .send(content);
    },
  );
};
