import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorCode, type FieldProblem } from '../errors.js';
import { pickLocale } from '../locale.js';
import { translate, type MessageParams } from '../messages.js';
import { STATUS_OF } from './error-status.js';
import { fieldProblems } from './validation.js';

export interface ErrorBodyShape {
  error: {
    code: string;
    message: string;
    fields: { path: string; code: string; message: string }[];
  };
}

export function renderError(
  request: FastifyRequest,
  code: ErrorCode,
  params: MessageParams = {},
  fields: readonly FieldProblem[] = [],
): ErrorBodyShape {
  const locale = pickLocale(request.headers['accept-language']);
  return {
    error: {
      code,
      message: translate(code, locale, params),
      fields: fields.map((f) => ({
        path: f.path,
        code: f.code,
        message: translate(f.code, locale, f.params),
      })),
    },
  };
}

/** Fastify's own 4xx errors (parsing, content type, size, rate limit) as domain codes. */
function frameworkError(error: FastifyError): { code: ErrorCode; params: MessageParams } | null {
  const status = error.statusCode ?? 500;
  if (status >= 500) return null;
  if (status === 413) return { code: 'PAYLOAD_TOO_LARGE', params: {} };
  if (status === 415) return { code: 'UNSUPPORTED_MEDIA_TYPE', params: {} };
  if (status === 429) return { code: 'RATE_LIMITED', params: { retryAfter: 60 } };
  if (status === 404) return { code: 'ROUTE_NOT_FOUND', params: { method: '', url: '' } };
  return { code: 'MALFORMED_REQUEST', params: { detail: error.message.slice(0, 200) } };
}

async function send(reply: FastifyReply, status: number, body: ErrorBodyShape) {
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

/**
 * Fastify's `frameworkErrors` option: errors its router raises before any route or hook runs
 * (a URL with broken percent-encoding, a path parameter over the router's length limit), which
 * Fastify would otherwise answer in its own body rather than ours.
 */
export function handleFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const known = frameworkError(error);
  if (!known) request.log.error({ err: error }, 'unhandled router error');
  const code = known?.code ?? 'INTERNAL';
  void send(reply, STATUS_OF[code], renderError(request, code, known?.params));
}

/**
 * The one place errors become HTTP responses: domain codes through the status table,
 * schema failures as per-field problems, and anything unexpected as a 500 whose details
 * go to the log, never to the client.
 */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      const status = STATUS_OF[error.code];
      if (status >= 500) request.log.error({ err: error }, 'domain error with 5xx status');
      return send(reply, status, renderError(request, error.code, error.params, error.fields));
    }
    if (error.validation) {
      const fields = fieldProblems(error.validation as never, error.validationContext ?? 'body');
      return send(reply, 400, renderError(request, 'VALIDATION_FAILED', {}, fields));
    }
    const known = frameworkError(error);
    if (known) {
      if (known.code === 'RATE_LIMITED') {
        const retry = Number(reply.getHeader('retry-after') ?? 60);
        known.params = { retryAfter: retry };
      }
      return send(reply, STATUS_OF[known.code], renderError(request, known.code, known.params));
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, 500, renderError(request, 'INTERNAL'));
  });

  app.setNotFoundHandler(async (request, reply) =>
    send(
      reply,
      404,
      renderError(request, 'ROUTE_NOT_FOUND', {
        method: request.method,
        url: request.url.split('?')[0] ?? '',
      }),
    ),
  );
}
