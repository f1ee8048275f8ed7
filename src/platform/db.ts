import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { prepareStatements } from './prepared-statements.js';
import type { DB } from './schema.js';

export type Engine = 'pglite' | 'postgres';
export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;

/** Raw access to one transaction: multi-statement scripts and plain queries. */
export interface RawTransaction {
  exec(script: string): Promise<void>;
  query<Row>(text: string): Promise<Row[]>;
}

/** Runs work inside one raw transaction (used by migrations, which are SQL scripts). */
export type ScriptRunner = (work: (tx: RawTransaction) => Promise<void>) => Promise<void>;

/** An open database: Kysely for queries, plus the raw script runner for migrations. */
export interface Database {
  readonly engine: Engine;
  readonly db: Db;
  readonly runScriptTransaction: ScriptRunner;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | {
      readonly engine: 'pglite';
      readonly dataDir: string;
      /** A cluster dumped by PGlite's `dumpDataDir` to start from, instead of a new one. */
      readonly loadDataDir?: Blob;
    }
  | { readonly engine: 'postgres'; readonly url: string };

const INT8_OID = 20;
const NUMERIC_OID = 1700;

// int8 columns hold money in fen and counts: read them as bigint, never as float.
const parseInt8 = (value: string) => BigInt(value);
// A calendar date stays the `YYYY-MM-DD` it is: a Date object would shift with the time zone.
const DATE_OID = 1082;
const keepText = (value: string) => value;

function openPglite(dataDir: string, loadDataDir?: Blob): Database {
  if (dataDir !== 'memory') mkdirSync(dataDir, { recursive: true });
  // Options go in the first argument: PGlite ignores a second one when the first is not a path.
  const client = new PGlite({
    ...(dataDir === 'memory' ? {} : { dataDir }),
    ...(loadDataDir ? { loadDataDir } : {}),
    parsers: { [INT8_OID]: parseInt8, [NUMERIC_OID]: keepText, [DATE_OID]: keepText },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
  return {
    engine: 'pglite',
    db,
    runScriptTransaction: async (work) => {
      await client.transaction(async (tx) => {
        await work({
          exec: async (script) => {
            await tx.exec(script);
          },
          query: async <Row>(text: string) => (await tx.query<Row>(text)).rows,
        });
      });
    },
    close: () => db.destroy(),
  };
}

const defaultParser = pg.types.getTypeParser.bind(pg.types) as (
  oid: number,
  format?: 'text' | 'binary',
) => unknown;
const typeParser = ((oid: number, format?: 'text' | 'binary') =>
  oid === INT8_OID
    ? parseInt8
    : oid === DATE_OID
      ? keepText
      : defaultParser(oid, format)) as typeof pg.types.getTypeParser;

function openPostgres(url: string): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: { getTypeParser: typeParser },
  });
  pool.on('connect', (client) => prepareStatements(client));
  // An idle connection the server ends (a restart, an administrator, a dropped database) is
  // taken out of the pool, which opens another on the next query; unhandled, the pool's
  // 'error' event would end the process.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    engine: 'postgres',
    db,
    runScriptTransaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await work({
          exec: async (script) => {
            await client.query(script);
          },
          query: async <Row>(text: string) =>
            (await client.query<Row & pg.QueryResultRow>(text)).rows,
        });
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => db.destroy(),
  };
}

/**
 * Opens the configured database.
 *
 * @example
 * const database = openDatabase({ engine: 'pglite', dataDir: 'memory' });
 * await migrate(database);
 */
export function openDatabase(target: DatabaseTarget): Database {
  return target.engine === 'pglite'
    ? openPglite(target.dataDir, target.loadDataDir)
    : openPostgres(target.url);
}

export function databaseTarget(databaseUrl: string | undefined, dataDir: string): DatabaseTarget {
  return databaseUrl
    ? { engine: 'postgres', url: databaseUrl }
    : { engine: 'pglite', dataDir: `${dataDir}/pglite` };
}
