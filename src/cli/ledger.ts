import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { sequenceLedger } from '../ledger/sequencer.js';
import {
  LedgerVerifyError,
  verifyProofFile,
  verifyServedLog,
  verifyStoredLog,
  type LogReport,
} from '../ledger/verify.js';
import { startProgress, type Progress } from './progress.js';
import { action, CliError, withRuntime } from './run.js';

interface VerifyOptions {
  url?: string;
  proof?: string;
  vkey?: string;
  token?: string;
}

function report(result: LogReport) {
  console.log(
    `ledger verified: ${result.origin}, ${result.size} leaves, root ${result.root}, ` +
      `${result.checkpoints} signed checkpoint(s) checked`,
  );
}

/** A progress bar that starts on the first report (when the total is known). */
function lazyProgress(label: string) {
  let progress: Progress | null = null;
  return {
    update: (done: number, total: number) => {
      progress ??= startProgress(label, total, '{done}/{total}');
      progress.update(done, { done, total });
    },
    stop: () => progress?.stop(),
  };
}

async function verify(options: VerifyOptions) {
  try {
    if (options.proof) {
      const json: unknown = JSON.parse(readFileSync(options.proof, 'utf8'));
      const result = verifyProofFile(json, options.vkey);
      console.log(`${result.kind} verified: ${result.detail}`);
      return;
    }
    if (options.url) {
      const prefix = options.url.endsWith('/') ? options.url : `${options.url}/`;
      const headers: Record<string, string> = options.token
        ? { authorization: `Bearer ${options.token}` }
        : {};
      const progress = lazyProgress('tiles');
      try {
        const result = await verifyServedLog(
          async (path) => {
            const response = await fetch(new URL(path, prefix), { headers });
            return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
          },
          { vkey: options.vkey, entries: Boolean(options.token), onProgress: progress.update },
        );
        progress.stop();
        report(result);
      } finally {
        progress.stop();
      }
      return;
    }
    await withRuntime(async ({ ctx }) => {
      const progress = lazyProgress('leaves');
      try {
        const result = await verifyStoredLog(ctx, {
          vkey: options.vkey,
          onProgress: progress.update,
        });
        progress.stop();
        report(result);
      } finally {
        progress.stop();
      }
    });
  } catch (error) {
    if (error instanceof LedgerVerifyError)
      throw new CliError(`ledger does NOT verify: ${error.message}`);
    throw error;
  }
}

export function registerLedger(program: Command) {
  const ledger = program.command('ledger').description('the tamper-evident audit ledger');
  ledger
    .command('verify')
    .description(
      'check the whole audit log (from the database, or served at --url as tlog-tiles), or one receipt or proof file (--proof), offline',
    )
    .option('--url <url>', 'the log prefix, e.g. https://node.example/ledger/')
    .option('--proof <file>', 'a receipt or proof JSON saved from the API')
    .option('--vkey <vkey>', "the verifier key to trust (default: the log's own)")
    .option(
      '--token <token>',
      'with --url: a regulator or operator token, to check entry bundles too',
    )
    .action(action((options: VerifyOptions) => verify(options)));
  ledger
    .command('sequence')
    .description('integrate queued audit events into the log and sign a checkpoint now')
    .action(
      action(() =>
        withRuntime(async ({ ctx }) => {
          const { sequenced, size } = await sequenceLedger(ctx);
          console.log(`leaves added: ${sequenced}; tree size: ${size}`);
        }),
      ),
    );
}
