import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database, RawTransaction } from './db.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly script: string;
  readonly checksum: string;
}

export interface MigrationResult {
  readonly applied: readonly string[];
  readonly alreadyApplied: number;
}

export class MigrationError extends Error {}

/** `0002_add_loans`: how a migration is named in messages and results. */
const label = (m: Migration) => `${String(m.version).padStart(4, '0')}_${m.name}`;

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Reads `NNNN_name.sql` files in version order; a gap or duplicate number is an error. */
export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = FILE_NAME.exec(file);
      if (!match) throw new MigrationError(`migration file "${file}" is not named NNNN_name.sql`);
      const script = readFileSync(path.join(dir, file), 'utf8');
      return {
        version: Number(match[1]),
        name: match[2] ?? file,
        script,
        checksum: createHash('sha256').update(script).digest('hex'),
      };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new MigrationError(
        `migration ${migration.version} is out of sequence (expected ${index + 1})`,
      );
    }
  });
  return migrations;
}

const LEDGER_TABLE = `
  create table if not exists schema_migrations (
    version integer primary key,
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`;

// Any fixed number: serialises concurrent migrators (several API nodes starting at once).
const MIGRATION_LOCK_ID = 7_243_810_001;

/**
 * Applies the pending migrations, each in its own transaction together with its row in
 * `schema_migrations`: a failing migration leaves the database as it was before it.
 * An applied migration whose file has changed since is refused rather than ignored.
 *
 * @example
 * const { applied } = await migrate(database);
 */
export async function migrate(
  database: Database,
  migrations: readonly Migration[] = readMigrations(),
): Promise<MigrationResult> {
  const applied: string[] = [];
  let alreadyApplied = 0;
  for (const migration of migrations) {
    let ran = false;
    await database.runScriptTransaction(async (tx) => {
      await tx.exec(`select pg_advisory_xact_lock(${MIGRATION_LOCK_ID}); ${LEDGER_TABLE}`);
      ran = await applyOne(tx, migration);
    });
    if (ran) applied.push(label(migration));
    else alreadyApplied += 1;
  }
  return { applied, alreadyApplied };
}

async function applyOne(tx: RawTransaction, migration: Migration): Promise<boolean> {
  const [recorded] = await tx.query<{ checksum: string }>(
    `select checksum from schema_migrations where version = ${migration.version}`,
  );
  if (recorded) {
    if (recorded.checksum !== migration.checksum) {
      throw new MigrationError(
        `migration ${label(migration)} was changed after it was applied; ` +
          'add a new migration instead of editing an applied one',
      );
    }
    return false;
  }
  try {
    await tx.exec(migration.script);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`migration ${label(migration)} failed: ${reason}`, { cause: error });
  }
  // The name matches [a-z0-9_]+ and the checksum is hex (see readMigrations): safe literals.
  await tx.exec(
    `insert into schema_migrations (version, name, checksum) values (${migration.version}, '${migration.name}', '${migration.checksum}')`,
  );
  return true;
}
