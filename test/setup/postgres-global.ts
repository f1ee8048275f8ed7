import pg from 'pg';

/**
 * Runs once before the PostgreSQL integration project: the server must answer. An
 * unreachable server fails the run; it is never skipped silently.
 */
export default async function checkPostgres() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ version: string }>('select version()');
    console.log(`integration suite on PostgreSQL: ${rows[0]?.version.split(',')[0] ?? 'unknown'}`);
  } catch (error) {
    throw new Error(`PostgreSQL at TEST_DATABASE_URL is unreachable: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    await client.end().catch(() => undefined);
  }
}
