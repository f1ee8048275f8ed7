import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { RECORD_CATEGORY_CODES, type RecordCategory } from '../ingest/categories.js';
import type { BatchReport } from '../ingest/ingest.js';
import { ingestDelivery } from '../ingest/ingest.service.js';
import { detectFormat, readRecords, type FileFormat } from '../ingest/parsers/index.js';
import { findOrganisationByCode } from '../platform/auth/accounts.service.js';
import { startProgress } from './progress.js';
import { action, CliError, withRuntime } from './run.js';

interface Options {
  provider: string;
  category: string;
  format?: string;
  encoding: string;
  delimiter: string;
  xmlElement: string;
  chunk: string;
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

function checkOptions(file: string, options: Options) {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new CliError(`cannot read ${file}`);
  }
  if (!RECORD_CATEGORY_CODES.includes(options.category as RecordCategory)) {
    throw new CliError(
      `unknown category "${options.category}"; one of: ${RECORD_CATEGORY_CODES.join(', ')}`,
    );
  }
  const format = (options.format ?? detectFormat(file)) as FileFormat | null;
  if (!format || !['csv', 'jsonl', 'json', 'xml'].includes(format)) {
    throw new CliError(
      `cannot tell the format of ${path.basename(file)}; give --format csv|jsonl|json|xml`,
    );
  }
  if (!['auto', 'utf-8', 'gb18030'].includes(options.encoding)) {
    throw new CliError('--encoding must be auto, utf-8 or gb18030');
  }
  const chunk = Number(options.chunk);
  if (!Number.isInteger(chunk) || chunk < 1 || chunk > 50_000)
    throw new CliError('--chunk must be 1 to 50000');
  return { size, format, chunk, category: options.category as RecordCategory };
}

function printReport(report: BatchReport) {
  console.log(`batch ${report.id}: ${report.status}`);
  console.log(
    `read ${report.read} = accepted ${report.accepted} (new versions ${report.newVersions}) + unchanged ${report.unchanged} + quarantined ${report.quarantined}`,
  );
  for (const [code, count] of Object.entries(report.quarantinedByReason)) {
    console.log(`  quarantined for ${code}: ${count}`);
  }
  console.log(`peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
}

export function registerIngest(program: Command) {
  program
    .command('ingest <file>')
    .description(
      'ingest a provider file (CSV, JSON Lines, JSON, XML): records are validated, normalised and versioned, bad ones quarantined; an interrupted run resumes where it stopped',
    )
    .requiredOption('--provider <code>', 'provider organisation code')
    .requiredOption('--category <category>', `record category: ${RECORD_CATEGORY_CODES.join(', ')}`)
    .option('--format <format>', 'csv, jsonl, json or xml (default: from the file extension)')
    .option('--encoding <encoding>', 'auto, utf-8 or gb18030', 'auto')
    .option('--delimiter <char>', 'CSV delimiter', ',')
    .option('--xml-element <name>', 'XML element holding one record', 'record')
    .option('--chunk <n>', 'records per transaction (the resume checkpoint)', '2000')
    .action(
      action((file: string, options: Options) =>
        withRuntime(async ({ ctx }) => {
          const { size, format, chunk, category } = checkOptions(file, options);
          const provider = await findOrganisationByCode(ctx.db, options.provider);
          if (!provider || provider.kind !== 'provider') {
            throw new CliError(`no data provider with code "${options.provider}"`);
          }
          const sha256 = await sha256Of(file);
          let bytes = 0;
          const counter = new Transform({
            transform(data: Buffer, _encoding, done) {
              bytes += data.length;
              done(null, data);
            },
          });
          const started = Date.now();
          const progress = startProgress(
            path.basename(file),
            size,
            'records {records} | {rate} rec/s | accepted {accepted} | quarantined {quarantined}',
          );
          const items = readRecords(createReadStream(file).pipe(counter), {
            format,
            encoding: options.encoding as 'auto' | 'utf-8' | 'gb18030',
            delimiter: options.delimiter,
            xmlRecordElement: options.xmlElement,
          });
          let report: BatchReport;
          try {
            report = await ingestDelivery(
              ctx,
              {
                actor: 'system',
                organisationId: provider.id,
                category,
                source: 'cli',
                file: { name: path.basename(file), sha256 },
              },
              items,
              {
                chunkSize: chunk,
                onProgress: (r) => {
                  const seconds = Math.max((Date.now() - started) / 1000, 0.001);
                  progress.update(bytes, {
                    records: r.read,
                    rate: Math.round(r.read / seconds),
                    accepted: r.accepted,
                    quarantined: r.quarantined,
                  });
                },
              },
            );
          } finally {
            progress.stop();
          }
          printReport(report);
          if (report.status === 'failed') {
            throw new CliError(
              `the file could not be read to the end: ${report.failure?.code} ${report.failure?.detail ?? ''}`.trim(),
            );
          }
        }),
      ),
    );
}
