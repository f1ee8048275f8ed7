import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { detectFormat, FileError, readRecords } from './index.js';
import { collectUntilError, lazyStream } from './testing.js';

describe('detectFormat', () => {
  it.each([
    ['delivery.csv', 'csv'],
    ['DELIVERY.CSV', 'csv'],
    ['a.b/税务 2024.jsonl', 'jsonl'],
    ['x.ndjson', 'jsonl'],
    ['x.json', 'json'],
    ['x.XML', 'xml'],
  ])('takes %j to be %s', (name, format) => {
    expect(detectFormat(name)).toBe(format);
  });

  it.each(['x.tsv', 'x.csv.gz', 'csv', 'x.', ''])('does not guess a format for %j', (name) => {
    expect(detectFormat(name)).toBeNull();
  });
});

describe('readRecords', () => {
  it('stops reading, and destroys the input, when the consumer stops early', async () => {
    let made = 0;
    const input = lazyStream(function* () {
      yield 'a\n';
      for (;;) {
        made++;
        yield '1\n'.repeat(10_000);
      }
    });
    for await (const item of readRecords(input, { format: 'csv', encoding: 'utf-8' })) {
      expect(item.kind).toBe('row');
      break;
    }
    expect(input.destroyed).toBe(true);
    expect(made).toBeLessThan(10);
  });

  it('rethrows an error of the input stream as it is, not as a FileError', async () => {
    const failure = new Error('disk gone');
    const input = new Readable({
      read() {
        this.destroy(failure);
      },
    });
    const { error } = await collectUntilError(readRecords(input, { format: 'jsonl' }));
    expect(error).toBe(failure);
    expect(error).not.toBeInstanceOf(FileError);
  });

  it('refuses a record limit that is not a positive integer', () => {
    const input = Readable.from([]);
    expect(() => readRecords(input, { format: 'jsonl', maxRecordBytes: 0 })).toThrow(TypeError);
    expect(() => readRecords(input, { format: 'jsonl', maxRecordBytes: 1.5 })).toThrow(TypeError);
  });
});
