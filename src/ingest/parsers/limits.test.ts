import { describe, expect, it } from 'vitest';
import { readRecords, type FileFormat, type ParsedItem } from './index.js';
import { RAW_LIMIT } from './types.js';
import { collect, lazyStream, RssWatch, streamOf } from './testing.js';

const outline = (items: ParsedItem[]) =>
  items.map((item) => [item.line, item.kind === 'bad_row' ? item.code : 'row']);

const read = (format: FileFormat, content: string, maxRecordBytes: number, chunkSize?: number) =>
  collect(readRecords(streamOf(content, chunkSize), { format, maxRecordBytes }));

describe('limiting the size of a record', () => {
  it('refuses a long CSV record on its own, its raw text cut, and reads on', async () => {
    const long = `2,"${'长'.repeat(3000)}\n${'x'.repeat(3000)}"`;
    for (const chunkSize of [100, 64 * 1024]) {
      const items = await read('csv', `a,b\n1,x\n${long}\n3,y\n`, 5000, chunkSize);
      expect(outline(items)).toEqual([
        [2, 'row'],
        [3, 'record_too_large'],
        [5, 'row'],
      ]);
      const bad = items[1];
      expect(bad?.kind === 'bad_row' && bad.raw).toBe(long.slice(0, RAW_LIMIT));
    }
  });

  it('counts the limit in UTF-8 bytes', async () => {
    // 10 three-byte characters: 30 bytes, over a limit of 29 but not of 30.
    const line = `{"a":"${'中'.repeat(10)}"}`;
    expect(outline(await read('jsonl', line, line.length + 20 - 1))).toEqual([
      [1, 'record_too_large'],
    ]);
    expect(outline(await read('jsonl', line, line.length + 20))).toEqual([[1, 'row']]);
  });

  it('refuses a long JSON Lines line and a long JSON array element', async () => {
    const big = `{"a":"${'x'.repeat(500)}"}`;
    expect(outline(await read('jsonl', `{"a":1}\n${big}\n{"a":3}`, 100, 7))).toEqual([
      [1, 'row'],
      [2, 'record_too_large'],
      [3, 'row'],
    ]);
    expect(outline(await read('json', `[{"a":1},${big},{"a":3}]`, 100, 7))).toEqual([
      [1, 'row'],
      [2, 'record_too_large'],
      [3, 'row'],
    ]);
  });
});

/** About `totalBytes` of `piece` repeated, made chunk by chunk as it is read. */
function* repeated(piece: string, totalBytes: number, watch: RssWatch): Generator<string> {
  const chunk = piece.repeat(Math.ceil((64 * 1024) / piece.length));
  for (let sent = 0; sent < totalBytes; sent += chunk.length) {
    watch.sample();
    yield chunk;
  }
}

describe('memory use', () => {
  const FIFTY_MB = 50 * 1024 * 1024;

  it.each<[FileFormat, string, string, string]>([
    ['jsonl', '', '{"a":"', '"}\n{"a":"after"}\n'],
    ['csv', 'a\n', '"', '"\nafter\n'],
    ['json', '[', '{"a":"', '"},{"a":"after"}]'],
    ['xml', '<r><record><a>', '', '</a></record><record><a>after</a></record></r>'],
  ])(
    'stays flat through a 50 MB %s record, refused, and the row after it is read',
    async (format, start, open, close) => {
      const watch = new RssWatch();
      const input = lazyStream(function* () {
        yield start + open;
        yield* repeated('0123456789abcdef', FIFTY_MB, watch);
        yield close;
      });
      const items = await collect(readRecords(input, { format }));
      expect(items.map((item) => (item.kind === 'bad_row' ? item.code : item.fields))).toEqual([
        'record_too_large',
        { a: 'after' },
      ]);
      expect(items[0]?.kind === 'bad_row' && items[0].raw.length).toBe(RAW_LIMIT);
      // Measured 2-16 MiB; holding the record whole measured about 75 MiB, which a bound of
      // 100 would let through.
      expect(watch.growthMiB()).toBeLessThan(50);
    },
    20_000,
  );

  it('stays flat through a million CSV rows', async () => {
    const watch = new RssWatch();
    const input = lazyStream(function* () {
      yield 'uscc,name,amount,period\n';
      for (let block = 0; block < 1000; block++) {
        watch.sample();
        let text = '';
        for (let i = 0; i < 1000; i++) {
          const n = block * 1000 + i;
          text += `9111${String(n).padStart(14, '0')},"企业 ${n}",${n * 3}.50,2024-0${(n % 9) + 1}\n`;
        }
        yield text;
      }
    });
    let count = 0;
    let last: ParsedItem | undefined;
    for await (const item of readRecords(input, { format: 'csv' })) {
      if (item.kind === 'row') count++;
      last = item;
    }
    expect(count).toBe(1_000_000);
    expect(last).toEqual({
      kind: 'row',
      line: 1_000_001,
      fields: {
        uscc: '911100000000999999',
        name: '企业 999999',
        amount: '2999997.50',
        period: '2024-01',
      },
    });
    // Measured about 50 MiB: garbage the collector has not yet returned, not retained rows.
    expect(watch.growthMiB()).toBeLessThan(100);
  }, 30_000);
});
