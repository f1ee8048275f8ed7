import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/platform/db.js';
import { migrate } from '../../src/platform/migrations.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite dumps (`dumpDataDir`) of a new cluster and of one with every migration applied. */
    pgliteSnapshots: { empty: string; migrated: string };
    /** A database on the PostgreSQL server with every migration applied, to copy per test file. */
    postgresTemplate: string;
  }
}

async function dump(dataDir: string, file: string) {
  const client = await PGlite.create({ dataDir });
  try {
    writeFileSync(file, Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()));
  } finally {
    await client.close();
  }
}

async function pgliteSnapshots(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), 'xinyi-pglite-snapshots-'));
  const cluster = path.join(dir, 'cluster');
  const files = { empty: path.join(dir, 'empty.tar'), migrated: path.join(dir, 'migrated.tar') };
  await dump(cluster, files.empty);
  const database = openDatabase({ engine: 'pglite', dataDir: cluster });
  await migrate(database);
  await database.close();
  await dump(cluster, files.migrated);
  rmSync(cluster, { recursive: true, force: true });
  project.provide('pgliteSnapshots', files);
  return () => rmSync(dir, { recursive: true, force: true });
}

async function adminQuery(base: string, text: string) {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function postgresTemplate(project: TestProject, base: string) {
  const name = `xinyi_template_${randomBytes(6).toString('hex')}`;
  await adminQuery(base, `create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = openDatabase({ engine: 'postgres', url: url.toString() });
  await migrate(database);
  await database.close();
  project.provide('postgresTemplate', name);
  return () => adminQuery(base, `drop database if exists ${name} with (force)`);
}

/**
 * Runs once before a project that opens test databases: every test file gets its own
 * database, copied from one migrated here (a PGlite dump, or a PostgreSQL template), so
 * that the files do not each set up a cluster and apply every migration again.
 */
export default async function prepareDatabaseSnapshots(project: TestProject) {
  const engine = (project.config.env as Record<string, string | undefined>).XINYI_TEST_ENGINE;
  if (engine === 'postgres') {
    const base = process.env.TEST_DATABASE_URL;
    if (!base) throw new Error('TEST_DATABASE_URL is not set');
    return postgresTemplate(project, base);
  }
  return pgliteSnapshots(project);
}
