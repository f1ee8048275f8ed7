import { describe, expect, it } from 'vitest';
import { readRecords } from './index.js';
import { collect, collectUntilError, rows, streamOf } from './testing.js';
import { XmlSizeGuard } from './xml-guard.js';

const LIMIT = 100;

const readXml = (content: string, chunkSize?: number) =>
  collectUntilError(
    readRecords(streamOf(content, chunkSize), { format: 'xml', maxRecordBytes: LIMIT }),
  );

/** The items, as `[line, code or 'row']`. */
const outline = (items: Awaited<ReturnType<typeof readXml>>['items']) =>
  items.map((item) => [item.line, item.kind === 'bad_row' ? item.code : 'row']);

const NEXT = '<record><a>next</a></record>';

describe('limiting the size of XML records', () => {
  it.each([
    ['a long text node', `<a>${'x'.repeat(5000)}</a>`],
    ['a long text node full of entities', `<a>${'&amp;&#x4E2D;'.repeat(500)}</a>`],
    ['a long CDATA section', `<a><![CDATA[${']>-'.repeat(2000)}]]></a>`],
    ['many small fields', '<a>x</a>'.repeat(50)],
  ])('refuses a record holding %s, and reads the next one', async (_, body) => {
    for (const chunkSize of [7, 1024]) {
      const { items, error } = await readXml(
        `<r>\n<record>${body}</record>\n${NEXT}</r>`,
        chunkSize,
      );
      expect(error).toBeUndefined();
      expect(outline(items)).toEqual([
        [2, 'record_too_large'],
        [3, 'row'],
      ]);
    }
  });

  it('drops a long comment without failing the document', async () => {
    const { items, error } = await readXml(`<r><!-- ${'-x'.repeat(3000)} -->${NEXT}</r>`, 7);
    expect(error).toBeUndefined();
    expect(rows(items)).toEqual([[1, { a: 'next' }]]);
  });

  it('fails the file on a tag longer than the limit, which cannot be cut', async () => {
    const { error } = await readXml(`<r><record a="${'x'.repeat(500)}"/></r>`);
    expect(error).toMatchObject({ code: 'xml_markup_too_large', line: 1 });
  });

  it('still reports a real fault in a dropped text node', async () => {
    const { error } = await readXml(`<r><record><a>${'x'.repeat(500)}</b></record></r>`);
    expect(error).toMatchObject({ code: 'xml_not_well_formed' });
  });

  it('passes a document under the limit through unchanged', () => {
    const guard = new XmlSizeGuard(LIMIT);
    const pieces = guard.push('<r a="1"><!-- c --><![CDATA[x]]>&amp;<?pi x?></r>');
    expect(pieces).toEqual([
      { kind: 'text', text: '<r a="1"><!-- c --><![CDATA[x]]>&amp;<?pi x?></r>' },
    ]);
  });

  it('cuts a text node after the limit but not inside an entity, and closes a CDATA section', () => {
    const guard = new XmlSizeGuard(10);
    const text = guard.push(`<a>123456789&amp;${'y'.repeat(50)}<b/>`);
    expect(text).toEqual([
      { kind: 'text', text: '<a>123456789&amp;' },
      { kind: 'cut' },
      { kind: 'text', text: '<b/>' },
    ]);
    const cdata = new XmlSizeGuard(10).push(`<![CDATA[${'z'.repeat(50)}]]><c/>`);
    expect(cdata).toEqual([
      // The section's size counts from after `<![`.
      { kind: 'text', text: `<![CDATA[${'z'.repeat(4)}` },
      { kind: 'cut' },
      { kind: 'text', text: ']]>' },
      { kind: 'text', text: '<c/>' },
    ]);
  });
});

describe('reading XML records under the limit', () => {
  it('keeps them whole, their size counting their tags', async () => {
    const items = await collect(
      readRecords(streamOf(`<r><record><a>${'x'.repeat(70)}</a></record></r>`), {
        format: 'xml',
        maxRecordBytes: LIMIT,
      }),
    );
    expect(rows(items)).toEqual([[1, { a: 'x'.repeat(70) }]]);
  });
});
