import { randomBytes } from 'node:crypto';
import pg from 'pg';
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

/**
 * A fresh, empty database for one test file: in-memory PGlite, or a new database on the
 * PostgreSQL server at TEST_DATABASE_URL, dropped again on close.
 */
export async function createTestDatabase(): Promise<Database & { url?: string }> {
  if (testEngine() === 'pglite') return openDatabase({ engine: 'pglite', dataDir: 'memory' });
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is required for the postgres test engine');
  const name = `xinyi_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}`);
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
