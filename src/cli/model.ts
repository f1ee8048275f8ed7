import type { Command } from 'commander';
import { registerModelReport } from './model-report.js';
import { registerModelScore } from './model-score.js';
import { registerModelTrain } from './model-train.js';

/**
 * `xinyi model train|score|report`: scorecards from any text table, no database needed.
 *
 * @example
 * xinyi model train --csv german.data --target V21 --bad 2 --split 0.3 --out german.json
 * xinyi model score --model german.json --csv applicants.csv --out scores.csv
 * xinyi model report --model german.json --csv german.data --test-index test-rows.txt
 */
export function registerModel(program: Command) {
  const model = program
    .command('model')
    .description('train, apply and evaluate points scorecards on any table (CSV and the like)');
  registerModelTrain(model);
  registerModelScore(model);
  registerModelReport(model);
  return model;
}
