import type { Config } from './config.js';
import type { FieldCrypto } from './crypto.js';
import type { Db, Engine } from './db.js';

/**
 * What every use case may need besides its arguments. There is no global: the server and
 * each test build one and pass it down.
 */
export interface AppContext {
  readonly db: Db;
  readonly engine: Engine;
  readonly config: Config;
  readonly crypto: FieldCrypto;
  /** The current time; tests pass a fake clock for deadlines and expiry. */
  readonly now: () => Date;
}
