import os from 'node:os';
import path from 'node:path';

export type FieldCipherName = 'aes-256-gcm' | 'sm4';

/** Runtime configuration, read once from the environment and frozen. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** Unset means the embedded PGlite database in `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly logLevel: string;
  readonly fieldCipher: FieldCipherName;
  readonly sessionTtlMinutes: number;
  /** How long a node may trust a looked-up session without asking the database again. */
  readonly sessionCacheSeconds: number;
  /** How often a node's outbox worker looks for changes (profiles, scores), in ms. */
  readonly outboxPollMs: number;
  /** How often a node expires lapsed offers and sends instalment notices, in minutes. */
  readonly servicingSweepMinutes: number;
  readonly loginMaxFailures: number;
  readonly loginLockMinutes: number;
  readonly loginRateLimitPerMinute: number;
  readonly seedDemo: boolean;
  /**
   * HTTP worker processes of `xinyi serve` (PostgreSQL only): the API is single-threaded,
   * so one worker per core lets a node use them all. 1 serves from the main process.
   */
  readonly httpWorkers: number;
  /** Key material given in the environment; absent keys are generated into `dataDir`. */
  readonly keyEnv: KeyEnv;
}

export interface KeyEnv {
  readonly fieldKeys: string | undefined;
  readonly fieldKeyId: string | undefined;
  readonly blindIndexKey: string | undefined;
  readonly signingKey: string | undefined;
}

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${name} must be an integer >= ${min}, got "${raw}"`);
  }
  return value;
}

function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function httpWorkers(env: NodeJS.ProcessEnv): number {
  const raw = env.XINYI_HTTP_WORKERS;
  const embedded = !env.DATABASE_URL;
  if (raw === 'auto') return embedded ? 1 : os.availableParallelism();
  const workers = integer(env, 'XINYI_HTTP_WORKERS', 1, 1);
  if (workers > 1 && embedded) {
    throw new ConfigError(
      'XINYI_HTTP_WORKERS above 1 needs DATABASE_URL: the embedded PGlite database belongs to one process',
    );
  }
  return workers;
}

function cipher(env: NodeJS.ProcessEnv): FieldCipherName {
  const raw = env.XINYI_FIELD_CIPHER ?? 'aes-256-gcm';
  if (raw === 'aes-256-gcm' || raw === 'sm4') return raw;
  throw new ConfigError(`XINYI_FIELD_CIPHER must be aes-256-gcm or sm4, got "${raw}"`);
}

/**
 * Reads the configuration from environment variables (see the README's table).
 *
 * @example
 * const config = loadConfig(process.env);
 * console.log(config.port); // 3000 unless PORT is set
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  return Object.freeze({
    port: integer(env, 'PORT', 3000),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    fieldCipher: cipher(env),
    sessionTtlMinutes: integer(env, 'SESSION_TTL_MINUTES', 480, 1),
    sessionCacheSeconds: integer(env, 'SESSION_CACHE_SECONDS', 5),
    outboxPollMs: integer(env, 'OUTBOX_POLL_MS', 200, 10),
    servicingSweepMinutes: integer(env, 'SERVICING_SWEEP_MINUTES', 15, 1),
    loginMaxFailures: integer(env, 'LOGIN_MAX_FAILURES', 5, 1),
    loginLockMinutes: integer(env, 'LOGIN_LOCK_MINUTES', 15, 1),
    loginRateLimitPerMinute: integer(env, 'LOGIN_RATE_LIMIT_PER_MINUTE', 20, 1),
    seedDemo: boolean(env, 'SEED_DEMO', true),
    httpWorkers: httpWorkers(env),
    keyEnv: Object.freeze({
      fieldKeys: env.XINYI_FIELD_KEYS || undefined,
      fieldKeyId: env.XINYI_FIELD_KEY_ID || undefined,
      blindIndexKey: env.XINYI_BLIND_INDEX_KEY || undefined,
      signingKey: env.XINYI_SIGNING_KEY || undefined,
    }),
  });
}
