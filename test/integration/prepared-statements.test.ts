import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareStatements } from '../../src/platform/prepared-statements.js';
import { testEngine } from '../helpers/database.js';

/**
 * The PostgreSQL pool prepares the statements it runs (src/platform/prepared-statements.ts):
 * checked here on a connection of the real server, through its `pg_prepared_statements`.
 */
describe.skipIf(testEngine() !== 'postgres')('prepared statements on a pooled connection', () => {
  let client: pg.Client;

  beforeEach(async () => {
    client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
  });
  afterEach(async () => client.end());

  const prepared = async () =>
    (
      await client.query<{ statement: string }>(
        'select statement from pg_prepared_statements order by prepare_time',
      )
    ).rows.map((row) => row.statement);

  it('prepares a parameterised text once and runs it again by name', async () => {
    prepareStatements(client, 10);
    for (const n of [1, 2, 3]) {
      const result = await client.query<{ doubled: number }>('select $1::int * 2 as doubled', [n]);
      expect(result.rows).toEqual([{ doubled: n * 2 }]);
    }
    expect(await prepared()).toEqual(['select $1::int * 2 as doubled']);
  });

  it('leaves queries without parameters unprepared', async () => {
    prepareStatements(client, 10);
    await client.query('select 1');
    await client.query('select 2', []);
    expect(await prepared()).toEqual([]);
  });

  it('keeps at most its capacity, dropping the least recently used, and re-prepares it', async () => {
    prepareStatements(client, 3);
    const text = (i: number) => `select $1::int + ${i} as n`;
    for (let i = 0; i < 3; i++) await client.query(text(i), [1]);
    // Used again, so the second one is now the oldest.
    await client.query(text(0), [1]);
    await client.query(text(3), [1]);
    expect((await prepared()).sort()).toEqual([text(0), text(2), text(3)].sort());
    for (let i = 0; i < 10; i++) {
      expect((await client.query<{ n: number }>(text(i), [i])).rows).toEqual([{ n: 2 * i }]);
    }
    expect(await prepared()).toHaveLength(3);
  });

  it('survives a failed transaction and a statement that never parsed', async () => {
    prepareStatements(client, 2);
    await client.query('select $1::int as a', [1]);
    await expect(client.query('select $1::int from no_such_table', [1])).rejects.toThrow(
      /no_such_table/,
    );
    await client.query('begin');
    await expect(client.query('select $1::int / 0 as b', [1])).rejects.toThrow(/division/);
    // Evicts while the transaction is aborted: the query is refused, as any would be.
    await expect(client.query('select $1::int as c', [1])).rejects.toThrow(/aborted/);
    await client.query('rollback');
    for (const name of ['a', 'b', 'c', 'd']) {
      const result = await client.query(`select $1::int as ${name}`, [7]);
      expect(result.rows).toEqual([{ [name]: 7 }]);
    }
    expect((await prepared()).length).toBeLessThanOrEqual(3);
  });
});
