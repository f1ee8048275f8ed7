import type { CategorySchema } from './schemas.js';
import type { MoneyUnit } from './ingest.table.js';

/**
 * How one provider's deliveries of one category read: their field names to ours, the money
 * unit they use, and their words for our enum values. Configuration, stored per provider.
 */
export interface ProviderMapping {
  readonly fields: Readonly<Record<string, string>>;
  readonly moneyUnit: MoneyUnit;
  readonly valueMaps: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** The mapping of a provider that already speaks our schema: names unchanged, money in fen. */
export function canonicalMapping(schema: CategorySchema): ProviderMapping {
  return {
    fields: Object.fromEntries(schema.fields.map((field) => [field.name, field.name])),
    moneyUnit: 'fen',
    valueMaps: {},
  };
}

/**
 * Renames a provider's fields to ours. A field the mapping does not know keeps its own name,
 * so that validation reports it (`unknown_field`) instead of it vanishing. Names are
 * compared trimmed, since exported headers often carry stray spaces.
 */
export function applyMapping(
  mapping: ProviderMapping,
  raw: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const targets = targetsOf(mapping);
  const mapped: Record<string, unknown> = {};
  for (const theirs in raw) {
    if (!Object.hasOwn(raw, theirs)) continue;
    let ours = targets.get(theirs);
    if (ours === undefined) {
      const name = theirs.trim();
      ours = mapping.fields[name] ?? name;
      // Every row of a file repeats its header's names; the bound is for arbitrary JSON keys.
      if (targets.size < MAX_REMEMBERED_NAMES) targets.set(theirs, ours);
    }
    mapped[ours] = raw[theirs];
  }
  return mapped;
}

const MAX_REMEMBERED_NAMES = 1000;
/** Per mapping: a delivered field name → ours, as worked out above, once per name. */
const targetsByMapping = new WeakMap<ProviderMapping, Map<string, string>>();

function targetsOf(mapping: ProviderMapping): Map<string, string> {
  let targets = targetsByMapping.get(mapping);
  if (targets === undefined) {
    targets = new Map();
    targetsByMapping.set(mapping, targets);
  }
  return targets;
}

/** Problems with a mapping itself: targets must be fields of the schema, each used once. */
export function mappingProblems(schema: CategorySchema, mapping: ProviderMapping): string[] {
  const known = new Set(schema.fields.map((f) => f.name));
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [theirs, ours] of Object.entries(mapping.fields)) {
    if (!known.has(ours)) problems.push(`fields.${theirs}`);
    else if (seen.has(ours)) problems.push(`fields.${theirs}`);
    seen.add(ours);
  }
  for (const field of Object.keys(mapping.valueMaps)) {
    if (!known.has(field)) problems.push(`valueMaps.${field}`);
  }
  return problems;
}
