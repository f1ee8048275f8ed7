/**
 * `xinyi demo generate`: writes a directory of realistic provider files for all twelve record
 * categories, `manifest.json` describing them (mapping, value maps, rows, the expected bad
 * records and repeats), and `outcomes.csv` with the default labels of the hidden process
 * (see default-process.ts). Deterministic: the same options give byte-identical files.
 *
 * @example
 * const { manifest } = await generateDemoData({
 *   enterprises: 1000, persons: 3000, seed: '42', outDir: 'demo-data',
 *   months: 24, badShare: 0.02, asOf: '2026-10',
 * });
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RecordCategory } from '../../ingest/categories.js';
import { schemaOf, type FieldDefinition } from '../../ingest/schemas.js';
import {
  BAD_KINDS,
  damageRow,
  kindApplies,
  planRequiredKinds,
  type BadKind,
  type ExpectedBad,
} from './bad-records.js';
import { firstDayOf, parseYearMonth, periodText } from './calendar.js';
import { FileFraming, renderCell, serialiseRow, type RowDraft } from './formats.js';
import {
  manifestFile,
  MANIFEST_FILE,
  OUTCOMES_FILE,
  type Manifest,
  type ManifestFile,
} from './manifest.js';
import { createRng, type Rng } from './prng.js';
import { PROVIDERS, type ProviderSpec } from './providers.js';
import {
  administrativeRecords,
  businessRegistrationRecords,
  judicialRecords,
  procurementRecords,
  propertyRecords,
} from './records-events.js';
import {
  creditBureauRecords,
  customsRecords,
  housingFundRecords,
  selfReportedRecords,
  socialSecurityRecords,
  taxRecords,
  utilitiesRecords,
  type CanonicalRecord,
} from './records-monthly.js';
import { buildEnterprises, buildPersons, PlacePicker, type Window } from './subjects.js';
import { simulateWorld, type World } from './world.js';
import { FileSink } from './writer.js';
import { pinEnterprises, pinPersons, type PinnedSubjects } from './pinned.js';

export interface GenerateOptions {
  readonly enterprises: number;
  readonly persons: number;
  readonly seed: string;
  readonly outDir: string;
  /** Months of history before `asOf` (at least 24). */
  readonly months: number;
  /** Share of deliberately bad records per file (0 for clean files without repeats). */
  readonly badShare: number;
  /** The observation month `YYYY-MM`. */
  readonly asOf: string;
  /** Registered demo subjects the data must be about (see pinned.ts). */
  readonly pinned?: PinnedSubjects;
}

export interface GenerateProgress {
  readonly stage: string;
  readonly completed: number;
  readonly total: number;
}

export interface GenerateResult {
  readonly manifest: Manifest;
  /** Absolute paths of everything written. */
  readonly paths: readonly string[];
}

type RecordBuilder = (world: World, rng: Rng) => CanonicalRecord[];

const BUILDERS: Readonly<Record<RecordCategory, RecordBuilder>> = {
  business_registration: (world) => businessRegistrationRecords(world),
  tax: taxRecords,
  social_security: socialSecurityRecords,
  housing_fund: housingFundRecords,
  customs: customsRecords,
  utilities: utilitiesRecords,
  judicial: judicialRecords,
  administrative: administrativeRecords,
  credit_bureau: creditBureauRecords,
  property: propertyRecords,
  procurement: procurementRecords,
  self_reported: selfReportedRecords,
};

/** Progress units per stage: subjects, world, each provider file, labels. */
const UNITS = 100;
const PROGRESS_EVERY = 5_000;

function renderRow(
  spec: ProviderSpec,
  fields: ReadonlyMap<string, FieldDefinition>,
  record: CanonicalRecord,
  rng: Rng,
): RowDraft {
  return {
    cells: spec.columns.map(([, name]) => {
      const field = fields.get(name);
      if (field === undefined)
        throw new Error(`${spec.file}: ${name} is not a ${spec.category} field`);
      return renderCell(spec, field, record[name], rng);
    }),
  };
}

interface PlannedBad {
  readonly text: string;
  readonly field: string | null;
  readonly kind: BadKind;
}

/** Chooses the bad records of a file and renders them damaged. */
function planBadRows(
  spec: ProviderSpec,
  fields: ReadonlyMap<string, FieldDefinition>,
  records: readonly CanonicalRecord[],
  required: readonly BadKind[],
  badShare: number,
  rng: Rng,
): { bad: Map<number, PlannedBad>; order: number[]; used: number } {
  const order = rng.shuffle(Array.from({ length: records.length }, (_, i) => i));
  const bad = new Map<number, PlannedBad>();
  if (badShare <= 0 || records.length === 0) return { bad, order, used: 0 };
  const applicable = BAD_KINDS.filter((kind) => kindApplies(kind, spec));
  const count = Math.min(
    Math.floor(records.length / 2),
    Math.max(required.length, Math.round(records.length * badShare)),
  );
  const kinds = [...required];
  while (kinds.length < count) kinds.push(rng.pick(applicable));
  let next = 0;
  for (const kind of kinds.slice(0, count)) {
    // A record may not be able to carry a kind (no closing date to put before the filing);
    // then the next one is tried.
    for (let tries = 0; tries < 200 && next < order.length; tries++) {
      const index = order[next] ?? 0;
      const record = records[index];
      if (record === undefined) break;
      const row = renderRow(spec, fields, record, rng);
      const field = damageRow(kind, { spec, record, row, rng });
      if (field === undefined) {
        // Leave it good, but keep it for later kinds: move it to the end of the queue.
        if (next + 1 < order.length) {
          order.copyWithin(next, next + 1);
          order[order.length - 1] = index;
        }
        continue;
      }
      next += 1;
      bad.set(index, { text: serialiseRow(spec, row), field, kind });
      break;
    }
  }
  return { bad, order, used: next };
}

async function writeProviderFile(
  spec: ProviderSpec,
  records: readonly CanonicalRecord[],
  required: readonly BadKind[],
  options: GenerateOptions,
  rng: Rng,
  progress: (fraction: number) => void,
): Promise<ManifestFile> {
  const fields = new Map(schemaOf(spec.category).fields.map((field) => [field.name, field]));
  const { bad, order, used } = planBadRows(
    spec,
    fields,
    records,
    required,
    options.badShare,
    rng.fork('bad'),
  );

  // Exact repeats of a few good records, a little further down (a re-sent page of an export).
  const repeatRng = rng.fork('repeats');
  const repeats =
    options.badShare > 0 && records.length >= 20 ? 1 + Math.floor(records.length / 25_000) : 0;
  const repeatAfter = new Map<number, number[]>();
  const repeated = new Set<number>();
  for (let i = 0; i < repeats && used + i < order.length; i++) {
    const original = order[used + i] ?? 0;
    const after = Math.min(records.length - 1, original + repeatRng.int(0, 30));
    repeatAfter.set(after, [...(repeatAfter.get(after) ?? []), original]);
    repeated.add(original);
  }

  const sink = await FileSink.create(path.join(options.outDir, spec.file), spec.encoding);
  const framing = new FileFraming(spec);
  const renderRng = rng.fork('render');
  const expectedBad: ExpectedBad[] = [];
  const expectedDuplicates: number[] = [];
  const texts = new Map<number, string>();
  sink.push(framing.prologue());
  let line = framing.firstLine;
  try {
    for (let i = 0; i < records.length; i++) {
      const planned = bad.get(i);
      const record = records[i];
      if (record === undefined) continue;
      const text = planned?.text ?? serialiseRow(spec, renderRow(spec, fields, record, renderRng));
      if (repeated.has(i)) texts.set(i, text);
      sink.push(framing.record(text));
      if (planned !== undefined)
        expectedBad.push({ line, field: planned.field, code: planned.kind });
      line += 1;
      for (const original of repeatAfter.get(i) ?? []) {
        sink.push(framing.record(texts.get(original) ?? ''));
        expectedDuplicates.push(line);
        line += 1;
      }
      if (sink.full) await sink.flush();
      if (i % PROGRESS_EVERY === 0) progress(i / records.length);
    }
    sink.push(framing.epilogue());
  } finally {
    await sink.close();
  }
  return manifestFile(spec, line - framing.firstLine, expectedBad, expectedDuplicates);
}

async function writeOutcomes(world: World, outDir: string): Promise<void> {
  const sink = await FileSink.create(path.join(outDir, OUTCOMES_FILE), 'utf-8');
  try {
    sink.push('uscc,person_id,defaulted\n');
    for (const enterprise of world.enterprises) {
      sink.push(`${enterprise.uscc},,${world.enterpriseDefaulted[enterprise.index] ?? 0}\n`);
      if (sink.full) await sink.flush();
    }
    for (const person of world.persons) {
      sink.push(`,${person.residentId},${world.personDefaulted[person.index] ?? 0}\n`);
      if (sink.full) await sink.flush();
    }
  } finally {
    await sink.close();
  }
}

const rate = (flags: Uint8Array) =>
  flags.length === 0
    ? 0
    : Math.round((flags.reduce((sum, flag) => sum + flag, 0) / flags.length) * 10_000) / 10_000;

/** Generates the demo data set into `options.outDir` (created if missing). */
export async function generateDemoData(
  options: GenerateOptions,
  onProgress?: (progress: GenerateProgress) => void,
): Promise<GenerateResult> {
  const asOf = parseYearMonth(options.asOf);
  if (asOf === undefined) throw new RangeError(`as-of must be YYYY-MM, not "${options.asOf}"`);
  const total = UNITS * (PROVIDERS.length + 3);
  const report = (stage: string, completed: number) =>
    onProgress?.({ stage, completed: Math.min(total, Math.round(completed)), total });

  const rng = createRng(`xinyi-demo/${options.seed}`);
  const window: Window = {
    asOf,
    months: options.months,
    start: asOf - options.months,
    asOfDay: firstDayOf(asOf),
  };
  report('subjects', 0);
  const places = new PlacePicker(rng.fork('places'));
  const enterprises = pinEnterprises(
    buildEnterprises(rng.fork('enterprises'), options.enterprises, window, places),
    options.pinned?.enterprises ?? [],
  );
  const persons = pinPersons(
    buildPersons(rng.fork('persons'), options.persons, window, places),
    options.pinned?.persons ?? [],
  );
  report('world', UNITS);
  const world = simulateWorld(rng.fork('world'), window, enterprises, persons);

  await mkdir(options.outDir, { recursive: true });
  const required = planRequiredKinds(PROVIDERS);
  const files: ManifestFile[] = [];
  const paths: string[] = [];
  for (const [i, spec] of PROVIDERS.entries()) {
    const base = UNITS * (2 + i);
    report(spec.file, base);
    const records = BUILDERS[spec.category](world, rng.fork(`records/${spec.category}`));
    files.push(
      await writeProviderFile(
        spec,
        records,
        required.get(spec.file) ?? [],
        options,
        rng.fork(`file/${spec.file}`),
        (fraction) => report(spec.file, base + UNITS * fraction),
      ),
    );
    paths.push(path.resolve(options.outDir, spec.file));
  }

  report(OUTCOMES_FILE, UNITS * (PROVIDERS.length + 2));
  await writeOutcomes(world, options.outDir);
  const manifest: Manifest = {
    generator: 'xinyi demo generate',
    manifestVersion: 1,
    seed: options.seed,
    asOf: options.asOf,
    months: options.months,
    window: { from: periodText(window.start), to: periodText(asOf - 1) },
    enterprises: options.enterprises,
    persons: options.persons,
    badShare: options.badShare,
    files,
    labels: {
      file: OUTCOMES_FILE,
      columns: ['uscc', 'person_id', 'defaulted'],
      description:
        'Default (1) or not (0) within the 12 months after as-of; one row per enterprise (uscc set) and per person (person_id set). Not a provider file.',
      horizon: { from: periodText(asOf), to: periodText(asOf + 11) },
      enterprises: world.enterprises.length,
      persons: world.persons.length,
      enterpriseDefaultRate: rate(world.enterpriseDefaulted),
      personDefaultRate: rate(world.personDefaulted),
    },
  };
  await writeFile(
    path.join(options.outDir, MANIFEST_FILE),
    `${JSON.stringify(manifest, null, 2)}\n`,
  );
  paths.push(
    path.resolve(options.outDir, OUTCOMES_FILE),
    path.resolve(options.outDir, MANIFEST_FILE),
  );
  report('done', total);
  return { manifest, paths };
}
