import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { SNIFF_BYTES } from './decode.js';
import { FileError, readRecords, type ReadOptions } from './index.js';
import { collect, collectUntilError, rows, streamOf } from './testing.js';

const CSV = '统一社会信用代码,名称\n91110000100000000A,北京甲乙科技有限公司\n';
const EXPECTED = [[2, { 统一社会信用代码: '91110000100000000A', 名称: '北京甲乙科技有限公司' }]];

const read = (bytes: Buffer, options: Partial<ReadOptions> = {}, chunkSize?: number) =>
  collect(readRecords(streamOf(bytes, chunkSize), { format: 'csv', ...options }));

describe('decoding provider files', () => {
  it('detects GBK bytes without a declaration and decodes them', async () => {
    const gbk = iconv.encode(CSV, 'gbk');
    // One-byte chunks split every double-byte character.
    for (const chunkSize of [1, 1024]) {
      expect(rows(await read(gbk, {}, chunkSize))).toEqual(EXPECTED);
    }
  });

  it('decodes a file declared GB18030, four-byte characters included', async () => {
    const text = 'name\n𠀀€·\n';
    expect(rows(await read(iconv.encode(text, 'gb18030'), { encoding: 'gb18030' }))).toEqual([
      [2, { name: '𠀀€·' }],
    ]);
  });

  it('reads UTF-8, with or without a BOM, across split characters', async () => {
    const utf8 = Buffer.from(CSV);
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]);
    for (const chunkSize of [1, 1024]) {
      expect(rows(await read(utf8, {}, chunkSize))).toEqual(EXPECTED);
      expect(rows(await read(withBom, {}, chunkSize))).toEqual(EXPECTED);
      expect(rows(await read(withBom, { encoding: 'utf-8' }, chunkSize))).toEqual(EXPECTED);
    }
  });

  it('takes GBK from an XML declaration even when the first bytes are plain ASCII', async () => {
    const xml = `<?xml version="1.0" encoding="GBK"?>\n<r>${' '.repeat(SNIFF_BYTES)}<record><name>甲公司</name></record></r>`;
    const items = await collect(readRecords(streamOf(iconv.encode(xml, 'gbk')), { format: 'xml' }));
    expect(rows(items)).toEqual([[2, { name: '甲公司' }]]);
  });

  it('fails a file that turns out not to be UTF-8 after the sniffed start', async () => {
    const asciiStart = `name\n${'a\n'.repeat(SNIFF_BYTES)}`;
    const bytes = Buffer.concat([Buffer.from(asciiStart), iconv.encode('甲公司\n', 'gbk')]);
    const { error } = await collectUntilError(readRecords(streamOf(bytes), { format: 'csv' }));
    expect(error).toBeInstanceOf(FileError);
    expect(error).toMatchObject({ code: 'invalid_encoding' });
  });

  it('fails a UTF-16 file rather than decode it as GB18030', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CSV, 'utf16le')]);
    const { error } = await collectUntilError(readRecords(streamOf(utf16), { format: 'csv' }));
    expect(error).toMatchObject({ code: 'invalid_encoding' });
  });

  it('fails a file declared UTF-8 that is not', async () => {
    const { error } = await collectUntilError(
      readRecords(streamOf(iconv.encode(CSV, 'gbk')), { format: 'csv', encoding: 'utf-8' }),
    );
    expect(error).toMatchObject({ code: 'invalid_encoding' });
  });
});
