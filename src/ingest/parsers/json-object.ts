import { badRow, type ParsedItem } from './types.js';

/** One JSON text that must hold an object: a row, or the bad row saying why not. */
export function jsonObjectItem(line: number, text: string): ParsedItem {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return badRow(line, 'malformed_json', (error as Error).message, text);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const found = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    return badRow(line, 'not_an_object', `expected an object, found ${found}`, text);
  }
  // JSON.parse defines `__proto__` as an own property, so the object is safe to hand on.
  return { kind: 'row', line, fields: value as Record<string, unknown> };
}
