import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/platform/db.js';
import { migrate, readMigrations } from '../../src/platform/migrations.js';
import { createTestDatabase } from '../helpers/database.js';

let database: Database | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'xinyi-migrations-'));
  for (const [name, script] of Object.entries(files)) writeFileSync(path.join(dir, name), script);
  return dir;
}

async function tables(db: Database): Promise<string[]> {
  const result = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = 'public' order by 1`.execute(
    db.db,
  );
  return result.rows.map((r) => r.table_name);
}

describe('migrate', () => {
  it('applies the project migrations once and records each', async () => {
    database = await createTestDatabase();
    const first = await migrate(database);
    expect(first.applied.length).toBe(readMigrations().length);
    const second = await migrate(database);
    expect(second).toEqual({ applied: [], alreadyApplied: readMigrations().length });
    const recorded = await database.db
      .selectFrom('schema_migrations')
      .select(['version', 'name'])
      .orderBy('version')
      .execute();
    expect(recorded.map((r) => r.version)).toEqual(readMigrations().map((m) => m.version));
  });

  it('leaves the database as it was when a migration fails half-way', async () => {
    database = await createTestDatabase();
    const dir = migrationsDir({
      '0001_first.sql': 'create table first_table (id int primary key);',
      '0002_broken.sql':
        'create table second_table (id int primary key);\ninsert into first_table values (1);\nselect * from no_such_table;',
    });
    await expect(migrate(database, readMigrations(dir))).rejects.toThrow(/0002_broken failed/);
    expect(await tables(database)).toEqual(['first_table', 'schema_migrations']);
    const rows = await sql<{ n: bigint }>`select count(*) as n from first_table`.execute(
      database.db,
    );
    expect(rows.rows[0]?.n).toBe(0n);
    const recorded = await database.db.selectFrom('schema_migrations').select('version').execute();
    expect(recorded.map((r) => r.version)).toEqual([1]);
  });

  it('refuses to run when an applied migration was edited', async () => {
    database = await createTestDatabase();
    await migrate(
      database,
      readMigrations(migrationsDir({ '0001_first.sql': 'create table a (id int);' })),
    );
    const edited = readMigrations(
      migrationsDir({ '0001_first.sql': 'create table a (id bigint);' }),
    );
    await expect(migrate(database, edited)).rejects.toThrow(/changed after it was applied/);
  });

  it('refuses gaps in the numbering', () => {
    const dir = migrationsDir({ '0001_a.sql': 'select 1;', '0003_c.sql': 'select 1;' });
    expect(() => readMigrations(dir)).toThrow(/out of sequence/);
  });

  it('keeps the audit trail append-only', async () => {
    database = await createTestDatabase();
    await migrate(database);
    await database.db
      .insertInto('audit_events')
      .values({
        actor_kind: 'system',
        action: 'test',
        actor_id: null,
        actor_role: null,
        actor_organisation_id: null,
        subject_kind: null,
        subject_id: null,
        request_id: null,
      })
      .execute();
    await expect(database.db.deleteFrom('audit_events').execute()).rejects.toThrow(/append-only/);
    await expect(
      database.db.updateTable('audit_events').set({ action: 'x' }).execute(),
    ).rejects.toThrow(/append-only/);
  });
});
