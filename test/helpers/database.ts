import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database, type Engine } from '../../src/platform/db.js';

/** The engine this integration project runs on (set per vitest project). */
export function testEngine(): Engine {
  return process.env.XINYI_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
}

async function adminQuery(text: string) {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * Creates a database once no session uses its template: the template's own setup may still
 * be closing its connections when the first test files start.
 */
async function createWhenIdle(statement: string) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await adminQuery(statement);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * Drops a test database once its connections have gone: the pool's `end()` resolves before
 * its sockets close, and forcing the drop then would kill them mid-close.
 */
async function dropWhenIdle(name: string) {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    try {
      await adminQuery(`drop database if exists ${name}`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006') throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await adminQuery(`drop database if exists ${name} with (force)`);
}

type Snapshot = 'empty' | 'migrated';

/** A database of the test's own, copied from a snapshot made once per run (test/setup/database-snapshots.ts). */
async function copyOf(snapshot: Snapshot): Promise<Database & { url?: string }> {
  if (testEngine() === 'pglite') {
    const dump = readFileSync(inject('pgliteSnapshots')[snapshot]);
    return openDatabase({ engine: 'pglite', dataDir: 'memory', loadDataDir: new Blob([dump]) });
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is required for the postgres test engine');
  const name = `xinyi_test_${randomBytes(6).toString('hex')}`;
  await createWhenIdle(
    `create database ${name}` +
      (snapshot === 'migrated' ? ` template ${inject('postgresTemplate')}` : ''),
  );
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = openDatabase({ engine: 'postgres', url: url.toString() });
  return {
    ...database,
    url: url.toString(),
    close: async () => {
      await database.close();
      await dropWhenIdle(name);
    },
  };
}

/**
 * A fresh, empty database for one test file: in-memory PGlite, or a new database on the
 * PostgreSQL server at TEST_DATABASE_URL, dropped again on close.
 */
export const createTestDatabase = () => copyOf('empty');

/** A fresh database for one test file with every migration applied. */
export const createMigratedTestDatabase = () => copyOf('migrated');

/**
 * A new database on the PostgreSQL server for a CLI under test, or null on PGlite, where
 * the CLI makes its own in DATA_DIR.
 */
export async function createServerTestDatabase(): Promise<(Database & { url: string }) | null> {
  if (testEngine() === 'pglite') return null;
  const database = await createTestDatabase();
  const { url } = database;
  if (!url) throw new Error('a server database has a URL');
  return { ...database, url };
}
