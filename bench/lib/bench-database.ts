import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import pg from 'pg';

const SOCKET_DIR = '/var/run/postgresql';
const TCP_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * The admin connection of a bench: DATABASE_URL, else the local server over its Unix socket
 * (as the README advises for a server on the same host), else over TCP.
 */
export function benchAdminUrl(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  if (existsSync(`${SOCKET_DIR}/.s.PGSQL.5432`)) {
    return `postgres://postgres@localhost/test?host=${encodeURIComponent(SOCKET_DIR)}`;
  }
  return TCP_ADMIN_URL;
}

/** How a connection string reaches its server, for a bench's figures. */
export function transportOf(url: string): 'unix-socket' | 'tcp' {
  const host = new URL(url).searchParams.get('host');
  return host?.startsWith('/') ? 'unix-socket' : 'tcp';
}

export async function withClient<T>(
  url: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new database `xinyi_bench_<random>` on the server of `adminUrl`, and how to drop it. */
export async function createBenchDatabase(
  adminUrl: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `xinyi_bench_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await withClient(adminUrl, (client) =>
        client.query(`drop database if exists ${name} with (force)`),
      );
    },
  };
}
