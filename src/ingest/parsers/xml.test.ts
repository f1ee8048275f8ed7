import { describe, expect, it } from 'vitest';
import { FileError, readRecords, type ReadOptions } from './index.js';
import { collect, collectUntilError, rows, streamOf } from './testing.js';

const readXml = (content: string, options: Partial<ReadOptions> = {}, chunkSize?: number) =>
  collect(readRecords(streamOf(content, chunkSize), { format: 'xml', ...options }));

const readXmlUntilError = (content: string) =>
  collectUntilError(readRecords(streamOf(content), { format: 'xml' }));

const DOCUMENT = `<?xml version="1.0" encoding="UTF-8"?>
<records>
  <record id="1">
    <uscc>91110000100000000A</uscc>
    <name>甲 &amp; 乙</name>
  </record>
  <record
      id="2"><name><![CDATA[<b>raw</b>]]></name><empty/></record>
</records>
`;

describe('reading XML', () => {
  it('reads each record element, its attributes and child texts being the fields', async () => {
    const crlf = DOCUMENT.replaceAll('\n', '\r\n');
    for (const [document, chunkSize] of [
      [DOCUMENT, 1],
      [DOCUMENT, 5],
      [DOCUMENT, 1024],
      [crlf, 1],
      [crlf, 1024],
    ] as const) {
      expect(rows(await readXml(document, {}, chunkSize))).toEqual([
        [3, { id: '1', uscc: '91110000100000000A', name: '甲 & 乙' }],
        [7, { id: '2', name: '<b>raw</b>', empty: '' }],
      ]);
    }
  });

  it('reads the record element it is told to, at any depth, and only the outermost', async () => {
    const content = `<batch><meta><row>not inside an item</row></meta>
<items><item><row>1</row><note>a <i>b</i> c</note></item>
<item><item>nested</item></item></items></batch>`;
    expect(rows(await readXml(content, { xmlRecordElement: 'item' }))).toEqual([
      [2, { row: '1', note: 'a b c' }],
      [3, { item: 'nested' }],
    ]);
  });

  it('reads a self-closing record from its attributes', async () => {
    expect(rows(await readXml('<r><record uscc="9111" name="甲"/></r>'))).toEqual([
      [1, { uscc: '9111', name: '甲' }],
    ]);
  });

  it('refuses a record naming the same field twice', async () => {
    const items = await readXml(
      '<r><record><a>1</a><a>2</a></record><record a="1"><a>2</a></record></r>',
    );
    expect(items).toMatchObject([
      {
        kind: 'bad_row',
        line: 1,
        code: 'duplicate_field',
        raw: '<record><a>1</a><a>2</a></record>',
      },
      { kind: 'bad_row', line: 1, code: 'duplicate_field' },
    ]);
  });

  it('fails a document that is not well-formed, after yielding the records before the fault', async () => {
    const content = '<r>\n<record><a>1</a></record>\n<record><a>2</b></record>\n</r>';
    const { items, error } = await readXmlUntilError(content);
    expect(rows(items)).toEqual([[2, { a: '1' }]]);
    expect(error).toBeInstanceOf(FileError);
    expect(error).toMatchObject({ code: 'xml_not_well_formed', line: 3 });
  });

  it('fails a document cut off before its end', async () => {
    const { items, error } = await readXmlUntilError('<r><record><a>1</a></record><record><a>2');
    expect(items).toHaveLength(1);
    expect(error).toMatchObject({ code: 'xml_not_well_formed' });
  });

  it('does not expand entities declared in a DOCTYPE', async () => {
    const { error } = await readXmlUntilError(
      '<!DOCTYPE r [<!ENTITY boom "bang">]><r><record><a>&boom;</a></record></r>',
    );
    expect(error).toMatchObject({ code: 'xml_not_well_formed' });
  });

  it('reads an empty file or a document without records as no rows', async () => {
    expect(await readXml('')).toEqual([]);
    expect(await readXml('<records/>')).toEqual([]);
  });
});
