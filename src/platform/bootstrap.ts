import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { createFieldCrypto } from './crypto.js';
import { databaseTarget, openDatabase, type Database } from './db.js';
import { loadKeys } from './keys.js';
import { migrate, type MigrationResult } from './migrations.js';

export interface Runtime {
  readonly ctx: AppContext;
  readonly database: Database;
  readonly migrations: MigrationResult | null;
}

/**
 * Opens the configured database, applies pending migrations (unless told not to) and
 * resolves the keys: everything a command or the server needs.
 */
export async function openRuntime(
  config: Config,
  options: { migrate?: boolean } = {},
): Promise<Runtime> {
  const keys = loadKeys(config.keyEnv, config.dataDir);
  const database = openDatabase(databaseTarget(config.databaseUrl, config.dataDir));
  try {
    const migrations = options.migrate === false ? null : await migrate(database);
    const ctx: AppContext = {
      db: database.db,
      engine: database.engine,
      config,
      crypto: createFieldCrypto(keys, config.fieldCipher),
      now: () => new Date(),
    };
    return { ctx, database, migrations };
  } catch (error) {
    await database.close();
    throw error;
  }
}
