/**
 * `manifest.json`: what the generator wrote, so that an ingest of each file can be checked
 * record by record (how to read it, its mapping and value maps, how many rows, which lines are
 * bad and why, which are exact repeats), plus where the labels are.
 */
import type { RecordCategory } from '../../ingest/categories.js';
import type { ExpectedBad } from './bad-records.js';
import type { FileFormat, MoneyUnit, ProviderSpec, TextEncoding } from './providers.js';

export const MANIFEST_FILE = 'manifest.json';
export const OUTCOMES_FILE = 'outcomes.csv';

export interface ManifestFile {
  readonly file: string;
  readonly provider: { readonly code: string; readonly name: string };
  readonly category: RecordCategory;
  readonly format: FileFormat;
  readonly encoding: TextEncoding;
  readonly xmlRecordElement?: string;
  /** Their column → our field. */
  readonly mapping: Readonly<Record<string, string>>;
  readonly moneyUnit: MoneyUnit;
  readonly valueMaps: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Records in the file (good, bad and repeated), i.e. data lines. */
  readonly rows: number;
  /** 1-based lines of the bad records, with the field and the problem code expected. */
  readonly expectedBad: readonly ExpectedBad[];
  /** Lines repeating an earlier record exactly: the expected outcome there is "unchanged". */
  readonly expectedDuplicates: readonly number[];
}

export interface Manifest {
  readonly generator: 'xinyi demo generate';
  readonly manifestVersion: 1;
  readonly seed: string;
  /** The observation month: the data cover the months before it, the labels the 12 after. */
  readonly asOf: string;
  readonly months: number;
  readonly window: { readonly from: string; readonly to: string };
  readonly enterprises: number;
  readonly persons: number;
  readonly badShare: number;
  readonly files: readonly ManifestFile[];
  /** Not a provider file: the default outcomes, for training and checking a scorecard. */
  readonly labels: {
    readonly file: string;
    readonly columns: readonly string[];
    readonly description: string;
    readonly horizon: { readonly from: string; readonly to: string };
    readonly enterprises: number;
    readonly persons: number;
    readonly enterpriseDefaultRate: number;
    readonly personDefaultRate: number;
  };
}

export function manifestFile(
  spec: ProviderSpec,
  rows: number,
  expectedBad: readonly ExpectedBad[],
  expectedDuplicates: readonly number[],
): ManifestFile {
  return {
    file: spec.file,
    provider: spec.provider,
    category: spec.category,
    format: spec.format,
    encoding: spec.encoding,
    ...(spec.xml === undefined ? {} : { xmlRecordElement: spec.xml.record }),
    mapping: Object.fromEntries(spec.columns),
    moneyUnit: spec.moneyUnit,
    valueMaps: spec.valueMaps,
    rows,
    expectedBad,
    expectedDuplicates,
  };
}
