import { Command } from 'commander';
import { registerApiKeyCreate } from './apikey-create.js';
import { registerDbMigrate } from './db-migrate.js';
import { registerDecision } from './decision.js';
import { registerDemoGenerate } from './demo-generate.js';
import { registerDemoSeed } from './demo-seed.js';
import { registerIngest } from './ingest.js';
import { registerLedger } from './ledger.js';
import { registerLoans } from './loans.js';
import { registerRescore } from './rescore.js';
import { registerScorecard } from './scorecard.js';
import { registerModel } from './model.js';
import { registerServe } from './serve.js';
import { registerUserCreate } from './user-create.js';

const program = new Command('xinyi')
  .description('xinyi 信易: credit-based lending platform')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)');

registerServe(program);
registerDbMigrate(program);
registerDemoGenerate(registerDemoSeed(program));
registerUserCreate(program);
registerApiKeyCreate(program);
registerIngest(program);
registerRescore(program);
registerLoans(program);
registerLedger(program);
registerDecision(program);
registerScorecard(program);
registerModel(program);

await program.parseAsync(process.argv);
