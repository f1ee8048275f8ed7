import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tryCli } from '../helpers/cli-target.js';
import { createServerTestDatabase } from '../helpers/database.js';
import type { Database } from '../../src/platform/db.js';

let env: NodeJS.ProcessEnv;
let database: (Database & { url: string }) | null = null;

beforeAll(async () => {
  env = {
    ...process.env,
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'xinyi-cli-')),
    LOG_LEVEL: 'silent',
  };
  delete env.DATABASE_URL;
  // On the PostgreSQL project the CLI works on a fresh server database; on PGlite, in DATA_DIR.
  database = await createServerTestDatabase();
  if (database) env.DATABASE_URL = database.url;
});
afterAll(async () => {
  await database?.close();
});

const xinyi = (...args: string[]) => tryCli(env, ...args);

// Each command is a new process that opens the database: slow under load, so generous time.
describe('the xinyi command', { timeout: 180_000 }, () => {
  it('migrates, and a second run has nothing to do', async () => {
    const first = await xinyi('db', 'migrate');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/applied 0001_accounts/);
    const second = await xinyi('db', 'migrate');
    expect(second.stdout).toMatch(/0 applied, \d+ already up to date/);
  });

  it('seeds the demo once and prints the accounts', async () => {
    const first = await xinyi('demo', 'seed', '--enterprises', '10', '--persons', '20');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/bank-a-officer\s+Xinyi-demo-2026/);
    expect(first.stdout).toMatch(/key \(shown once\): xyk_/);
    expect((await xinyi('demo', 'seed', '--enterprises', '10', '--persons', '20')).stdout).toMatch(
      /already present/,
    );
  });

  it('creates a staff user with a generated password shown once', async () => {
    const result = await xinyi(
      'user',
      'create',
      '--login',
      'cli-officer',
      '--role',
      'lender_officer',
      '--org',
      'bank-a',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/created lender_officer cli-officer/);
    expect(result.stdout).toMatch(/password \(shown once\): \S{10,}/);
  });

  it('issues a provider API key', async () => {
    const result = await xinyi('apikey', 'create', '--org', 'tax-bureau', '--name', 'batch');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/key \(shown once\): xyk_[0-9a-f]{12}_/);
  });

  it('fails with one clear line and a non-zero exit', async () => {
    const wrongOrg = await xinyi('apikey', 'create', '--org', 'bank-a', '--name', 'x');
    expect(wrongOrg.code).not.toBe(0);
    expect(wrongOrg.stderr.trim()).toBe('xinyi: "bank-a" is a lender, not a data provider');
    const taken = await xinyi(
      'user',
      'create',
      '--login',
      'operator',
      '--role',
      'operator',
      '--org',
      'platform',
    );
    expect(taken.code).not.toBe(0);
    expect(taken.stderr.trim()).toBe('xinyi: That login is taken');
    const unknown = await xinyi('user', 'create', '--role', 'operator');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/required option '--login <login>' not specified/);
  });

  it('rescores everyone with a progress bar, and refuses outcomes too few to train on', async () => {
    const rescore = await xinyi('rescore', '--all');
    expect(rescore.code, rescore.stderr).toBe(0);
    expect(rescore.stdout).toMatch(/profiles recomputed: 3\d; new scores stored: \d+/);
    expect(rescore.stderr).toMatch(/profiles \(enterprise\)/);
    const outcomes = path.join(env.DATA_DIR ?? '', 'demo-files', 'outcomes.csv');
    const train = await xinyi('scorecard', 'train', '--outcomes', outcomes);
    expect(train.code).not.toBe(0);
    // The progress bar goes to stderr too; the error is its own last line.
    const lines = train.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^xinyi: The scorecard cannot be trained: general: \d+ subjects/);
    expect(lines.filter((line) => line.startsWith('xinyi:'))).toHaveLength(1);
    const list = await xinyi('scorecard', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toBe('');
  });

  it('has help everywhere', async () => {
    for (const args of [
      ['--help'],
      ['db', 'migrate', '--help'],
      ['user', 'create', '--help'],
      ['apikey', 'create', '--help'],
      ['demo', 'seed', '--help'],
      ['rescore', '--help'],
      ['scorecard', 'train', '--help'],
      ['model', 'train', '--help'],
      ['serve', '--help'],
    ]) {
      const result = await xinyi(...args);
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stdout).toMatch(/Usage: xinyi/);
    }
  });
});
