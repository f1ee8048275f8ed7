import type { LoggerOptions } from 'pino';

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

export function loggerOptions(level: string): LoggerOptions | false {
  if (level === 'silent') return false;
  return { level, redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' } };
}
