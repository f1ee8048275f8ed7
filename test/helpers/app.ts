import { generateKeyPairSync } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/api/app.js';
import { drainChanges, startChangeWorker } from '../../src/api/workers.js';
import { DEMO_PASSWORD, seedDemo } from '../../src/demo/seed.js';
import { loadConfig, type Config } from '../../src/platform/config.js';
import type { AppContext } from '../../src/platform/context.js';
import { createFieldCrypto } from '../../src/platform/crypto.js';
import type { Database } from '../../src/platform/db.js';
import { generateKeySet } from '../../src/platform/keys.js';
import { migrate } from '../../src/platform/migrations.js';
import { createMigratedTestDatabase } from './database.js';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly ctx: AppContext;
  readonly database: Database;
  /** The demo provider's API key (when seeded). */
  readonly providerApiKey: string | null;
  /** Applies every pending change (profiles, then scores) now. */
  drain(): Promise<number>;
  /** Moves the fake clock forward. */
  advance(ms: number): void;
  /** Logs a user in and returns the bearer token. */
  login(login: string, password?: string): Promise<string>;
  /** An inject with a bearer token. */
  as(token: string, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  readonly seed?: boolean;
  readonly env?: Record<string, string>;
  /** Run the background change worker, as a server node does (default: off; call drain()). */
  readonly worker?: boolean;
  /** Where the app's clock starts (default: now); it runs on from there. */
  readonly startAt?: Date;
}

function newSigningKey(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
}

/**
 * A fresh app on a fresh database (PGlite or PostgreSQL, by project), migrated and by
 * default seeded with the demo data, with a controllable clock.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createMigratedTestDatabase();
  // A copy of a database migrated once per run: this finds every migration applied.
  await migrate(database);
  let offset = options.startAt ? options.startAt.getTime() - Date.now() : 0;
  const config: Config = loadConfig({
    DATA_DIR: '/nonexistent',
    LOG_LEVEL: 'silent',
    // Each app signs its ledger with a key of its own, as a node with keys.json would; a
    // test of a missing key passes an empty XINYI_SIGNING_KEY.
    XINYI_SIGNING_KEY: newSigningKey(),
    ...options.env,
  });
  const ctx: AppContext = {
    db: database.db,
    engine: database.engine,
    config,
    crypto: createFieldCrypto(generateKeySet(), config.fieldCipher),
    now: () => new Date(Date.now() + offset),
  };
  const seeded = options.seed === false ? null : await seedDemo(ctx);
  const app = await buildApp(ctx, { logLevel: 'silent' });
  const worker = options.worker
    ? startChangeWorker(ctx, (error) => console.error('change worker:', error))
    : null;
  const testApp: TestApp = {
    drain: () => drainChanges(ctx),
    app,
    ctx,
    database,
    providerApiKey: seeded?.providerApiKey ?? null,
    advance: (ms) => {
      offset += ms;
    },
    async login(login, password = DEMO_PASSWORD) {
      const response = await app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { login, password },
      });
      if (response.statusCode !== 200) throw new Error(`login ${login} failed: ${response.body}`);
      return response.json<{ token: string }>().token;
    },
    as: (token, injectOptions) =>
      app.inject({
        ...injectOptions,
        headers: { ...injectOptions.headers, authorization: `Bearer ${token}` },
      }),
    async close() {
      await worker?.stop();
      await app.close();
      await database.close();
    },
  };
  return testApp;
}

/** The `error` member of an error response body. */
export interface ErrorJson {
  error: {
    code: string;
    message: string;
    fields: { path: string; code: string; message: string }[];
  };
}

export function errorOf(response: LightMyRequestResponse) {
  return response.json<ErrorJson>().error;
}
