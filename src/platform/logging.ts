import type { FastifyBaseLogger } from 'fastify';
import { pino, type DestinationStream } from 'pino';

/**
 * Log fields that may carry secrets or personal data. Request bodies are not logged at
 * all; these paths catch headers and anything a use case logs by mistake.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  '*.password',
  '*.token',
  '*.key',
  '*.idNumber',
  '*.name',
  '*.phone',
  '*.*.idNumber',
  '*.*.name',
  '*.*.phone',
];

/** The process logger: pino with personal data and secrets redacted. */
export function createLogger(level: string, stream?: DestinationStream): FastifyBaseLogger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' } };
  return stream ? pino(options, stream) : pino(options);
}
