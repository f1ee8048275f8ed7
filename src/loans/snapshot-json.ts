/**
 * The canonical JSON of a value as `JSON.stringify` gives it (bigint as decimal text,
 * `toJSON` honoured, undefined and functions left out of objects and null in arrays,
 * non-finite numbers null), with object keys sorted at every level: the text a decision's
 * input snapshot is stored and hashed as, so the hash is stable across engines. One pass,
 * where stringifying, parsing and canonicalising took three. Pure.
 */
export function snapshotJson(value: unknown): string {
  return write(value, '') ?? 'null';
}

function write(input: unknown, key: string): string | undefined {
  const value = hasToJson(input) ? input.toJSON(key) : input;
  switch (typeof value) {
    case 'bigint':
      return JSON.stringify(value.toString());
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'object':
      return value === null ? 'null' : writeObject(value);
  }
}

function writeObject(value: object): string {
  if (Array.isArray(value)) {
    return `[${value.map((item: unknown, index) => write(item, String(index)) ?? 'null').join(',')}]`;
  }
  const object = value as Record<string, unknown>;
  const members: string[] = [];
  for (const name of Object.keys(object).sort()) {
    const text = write(object[name], name);
    if (text !== undefined) members.push(`${JSON.stringify(name)}:${text}`);
  }
  return `{${members.join(',')}}`;
}

function hasToJson(value: unknown): value is { toJSON: (key: string) => unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  );
}
