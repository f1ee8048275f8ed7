import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { BatchReport } from '../ingest/ingest.js';
import { ingestDelivery } from '../ingest/ingest.service.js';
import { readRecords } from '../ingest/parsers/index.js';
import { registerProviderCategories, saveMapping } from '../ingest/provider-config.service.js';
import { findOrganisationByCode, insertOrganisation } from '../platform/auth/accounts.service.js';
import type { AppContext } from '../platform/context.js';
import { generateDemoData } from './generate/generate.js';
import type { Manifest, ManifestFile } from './generate/manifest.js';
import { DEMO_SUBJECTS } from './seed.js';
import { DEFAULT_AS_OF, DEFAULT_BAD_SHARE, DEFAULT_MONTHS } from './generate/options.js';

/** The demo's size on first start: big enough to look real, small enough to start in seconds. */
export const DEMO_DATA_DEFAULTS = { enterprises: 300, persons: 900, seed: 'xinyi-demo' } as const;

export interface DemoDataOptions {
  /** Where the provider files are written. */
  readonly dir: string;
  readonly enterprises: number;
  readonly persons: number;
  readonly seed: string;
  readonly badShare?: number;
  /** After each file: which one, and how many files there are. */
  readonly onFile?: (done: number, total: number, file: ManifestFile, report: BatchReport) => void;
}

export interface DemoDataResult {
  readonly manifest: Manifest;
  readonly reports: readonly { readonly file: ManifestFile; readonly report: BatchReport }[];
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/** The demo provider organisation of a file, created with its category and mapping. */
async function providerFor(ctx: AppContext, file: ManifestFile): Promise<string> {
  const existing = await findOrganisationByCode(ctx.db, file.provider.code);
  return ctx.db.transaction().execute(async (tx) => {
    const organisation =
      existing ??
      (await insertOrganisation(tx, {
        kind: 'provider',
        code: file.provider.code,
        name: file.provider.name,
      }));
    await registerProviderCategories(tx, organisation.id, [file.category]);
    await saveMapping(
      tx,
      organisation.id,
      file.category,
      { fields: file.mapping, moneyUnit: file.moneyUnit, valueMaps: file.valueMaps },
      { by: null, at: ctx.now() },
    );
    return organisation.id;
  });
}

/**
 * Writes the demo's provider files and labels into `options.dir`. The generator is
 * deterministic, so a resumed seeding gets the very files (and outcomes) the interrupted
 * one ingested.
 */
export async function generateDemoFiles(
  options: Pick<DemoDataOptions, 'dir' | 'enterprises' | 'persons' | 'seed' | 'badShare'>,
): Promise<Manifest> {
  const { manifest } = await generateDemoData({
    enterprises: options.enterprises,
    persons: options.persons,
    seed: options.seed,
    outDir: options.dir,
    months: DEFAULT_MONTHS,
    badShare: options.badShare ?? DEFAULT_BAD_SHARE,
    asOf: DEFAULT_AS_OF,
    pinned: DEMO_SUBJECTS,
  });
  return manifest;
}

/**
 * The demo's data: generates realistic provider files for all twelve categories (see
 * `generate/`) and takes each in through the real intake pipeline, as its provider would
 * deliver it: organisation, category, mapping, then the file, streamed and resumable.
 */
export async function seedDemoData(
  ctx: AppContext,
  options: DemoDataOptions,
): Promise<DemoDataResult> {
  const manifest = await generateDemoFiles(options);
  const reports: { file: ManifestFile; report: BatchReport }[] = [];
  for (const file of manifest.files) {
    const organisationId = await providerFor(ctx, file);
    const filePath = path.join(options.dir, file.file);
    const items = readRecords(createReadStream(filePath), {
      format: file.format,
      encoding: file.encoding,
      ...(file.xmlRecordElement ? { xmlRecordElement: file.xmlRecordElement } : {}),
    });
    const report = await ingestDelivery(
      ctx,
      {
        actor: 'system',
        organisationId,
        category: file.category,
        source: 'cli',
        file: { name: file.file, sha256: await sha256Of(filePath) },
      },
      items,
    );
    reports.push({ file, report });
    options.onFile?.(reports.length, manifest.files.length, file, report);
  }
  return { manifest, reports };
}
