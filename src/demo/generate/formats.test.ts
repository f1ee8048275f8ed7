import { describe, expect, it } from 'vitest';
import { schemaOf } from '../../ingest/schemas.js';
import {
  dateText,
  FileFraming,
  groupThousands,
  moneyText,
  periodStyleText,
  renderCell,
  serialiseRow,
} from './formats.js';
import { createRng } from './prng.js';
import { PROVIDERS, type ProviderSpec } from './providers.js';

const spec = (category: string): ProviderSpec => {
  const found = PROVIDERS.find((provider) => provider.category === category);
  if (found === undefined) throw new Error(category);
  return found;
};

describe('moneyText', () => {
  it('writes fen exactly in fen, 元 and 万元', () => {
    expect(moneyText(123_456, 'fen')).toBe('123456');
    expect(moneyText(123_456, 'yuan')).toBe('1234.56');
    expect(moneyText(123_400, 'yuan')).toBe('1234.00');
    expect(moneyText(123_400, 'yuan', false)).toBe('1234');
    expect(moneyText(-5, 'yuan')).toBe('-0.05');
    expect(moneyText(12_345_678, 'wan_yuan')).toBe('12.345678');
    expect(moneyText(5_000_000_000, 'wan_yuan')).toBe('5000');
    expect(groupThousands('1234567.89')).toBe('1,234,567.89');
  });
});

describe('dates and periods', () => {
  it('writes each provider style', () => {
    expect(dateText('iso', 2024, 3, 5)).toBe('2024-03-05');
    expect(dateText('slash', 2024, 3, 5)).toBe('2024/3/5');
    expect(dateText('chinese', 2024, 3, 5)).toBe('2024年3月5日');
    expect(dateText('compact', 2024, 3, 5)).toBe('20240305');
    expect(dateText('timestamp', 2024, 3, 5)).toMatch(/^2024-03-05 \d{2}:\d{2}:\d{2}$/);
    expect(periodStyleText('iso', 2024, 3)).toBe('2024-03');
    expect(periodStyleText('compact', 2024, 3)).toBe('202403');
    expect(periodStyleText('chinese', 2024, 3)).toBe('2024年3月');
    expect(periodStyleText('slash', 2024, 3)).toBe('2024/03');
  });
});

describe('renderCell', () => {
  it('uses the provider unit and words', () => {
    const rng = createRng('cells');
    const customs = spec('customs');
    const fields = new Map(schemaOf('customs').fields.map((field) => [field.name, field]));
    const importValue = fields.get('import_value');
    const level = fields.get('credit_level');
    if (importValue === undefined || level === undefined) throw new Error('schema changed');
    const noiseless = { ...customs, noise: 0 };
    expect(renderCell(noiseless, importValue, 1_234_500, rng)).toBe('1.2345');
    expect(renderCell(noiseless, level, 'dishonest', rng)).toBe('失信企业');
    expect(renderCell(noiseless, level, undefined, rng)).toBeUndefined();
  });
});

describe('serialiseRow and FileFraming', () => {
  it('puts JSON array element i on line i + 1', () => {
    const judicial = spec('judicial');
    const framing = new FileFraming(judicial);
    const row = serialiseRow(judicial, { cells: ['（2024）浙0106民初1号'] });
    const text =
      framing.prologue() +
      framing.record(row) +
      framing.record(row) +
      framing.record(row) +
      framing.epilogue();
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(text)).toHaveLength(3);
    expect(framing.firstLine).toBe(1);
  });

  it('quotes CSV cells that need it and drops a column for column_count damage', () => {
    const administrative = spec('administrative');
    const cells = ['a', 'b', 'c', 'd', 'e', '1,200.00', 'g'];
    expect(serialiseRow(administrative, { cells })).toBe('a,b,c,d,e,"1,200.00",g');
    expect(serialiseRow(administrative, { cells, damage: 'drop_column' })).toBe(
      'a,b,c,d,e,"1,200.00"',
    );
  });

  it('writes XML records one per line, escaped', () => {
    const procurement = spec('procurement');
    const framing = new FileFraming(procurement);
    expect(framing.prologue()).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<政府采购合同列表>\n');
    expect(serialiseRow(procurement, { cells: ['A&B'] })).toBe(
      '<合同><合同编号>A&amp;B</合同编号></合同>',
    );
    expect(framing.firstLine).toBe(3);
  });
});
