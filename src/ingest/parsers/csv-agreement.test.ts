import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readRecords } from './index.js';
import { collect, streamOf } from './testing.js';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const PIECES = ['a', '甲', ' ', ',', '"', '\n', '\r\n', '\r', '𠀀', 'x'];

function randomValue(next: () => number): string {
  const length = Math.floor(next() * 6);
  let value = '';
  for (let i = 0; i < length; i++) value += PIECES[Math.floor(next() * PIECES.length)] ?? '';
  return value;
}

/** A field as a CSV writer would put it: quoted when it must be. */
function quote(value: string): string {
  return /[",\r\n]/.test(value) || value === '' ? `"${value.replaceAll('"', '""')}"` : value;
}

describe('reading CSV as csv-parse reads it', () => {
  it('gives the same fields for random valid files, whatever the chunk size', async () => {
    const next = random(20240601);
    for (let file = 0; file < 200; file++) {
      const table = Array.from({ length: 1 + Math.floor(next() * 8) }, () =>
        ['k', 'v', 'w'].map(() => randomValue(next)),
      );
      const eol = next() < 0.5 ? '\n' : '\r\n';
      const text = ['k,v,w', ...table.map((row) => row.map(quote).join(','))].join(eol) + eol;
      const expected = parse<Record<string, string>>(text, { columns: true });
      const chunkSize = 1 + Math.floor(next() * 20);
      const items = await collect(readRecords(streamOf(text, chunkSize), { format: 'csv' }));
      expect(items.map((item) => (item.kind === 'row' ? item.fields : item))).toEqual(expected);
    }
  });
});
