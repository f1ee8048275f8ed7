import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { buildResidentId, buildUscc } from '../demo/seed.js';
import { normaliseRecord, type CanonicalRecord, type SourceOptions } from './normalise.js';
import {
  canonicalRecordJson,
  contentHash,
  NATURAL_KEY_SEPARATOR,
  naturalKeyOf,
  storedNaturalKey,
} from './record-identity.js';
import { CATEGORY_SCHEMAS } from './schemas.js';

const TODAY = new Date('2024-06-01T04:00:00Z');
const USCC = buildUscc('9', '1', '110108', 'MA01AB2C');
const PERSON = buildResidentId('110105', '19900307', '123');

const TAX_RECORD: CanonicalRecord = {
  uscc: USCC,
  period: '2024-03',
  taxable_revenue: 120_000_000n,
  tax_paid: 3_600_000n,
  invoice_count: 42,
  invoice_amount: null,
  arrears: 0n,
  credit_rating: 'A',
};

function normalised(
  category: keyof typeof CATEGORY_SCHEMAS,
  raw: Record<string, unknown>,
  options: SourceOptions,
): CanonicalRecord {
  const result = normaliseRecord(CATEGORY_SCHEMAS[category], raw, options, TODAY);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problems)}`);
  return result.record;
}

describe('naturalKeyOf', () => {
  it('joins the natural-key values in schema order with U+001F', () => {
    expect(naturalKeyOf(CATEGORY_SCHEMAS.tax, TAX_RECORD)).toBe(`${USCC}\u001f2024-03`);
    expect(NATURAL_KEY_SEPARATOR).toBe('\u001f');
  });

  it('uses a single field as it is', () => {
    expect(naturalKeyOf(CATEGORY_SCHEMAS.procurement, { contract_number: 'HD-2024-0031' })).toBe(
      'HD-2024-0031',
    );
  });

  it('writes every canonical type as text, null as empty', () => {
    const schema = { ...CATEGORY_SCHEMAS.tax, naturalKey: ['a', 'b', 'c', 'd'] };
    expect(naturalKeyOf(schema, { a: 12n, b: 7, c: true, d: null })).toBe(
      ['12', '7', 'true', ''].join('\u001f'),
    );
  });

  it('refuses a record without a key field', () => {
    expect(() => naturalKeyOf(CATEGORY_SCHEMAS.tax, { uscc: USCC })).toThrow(/period/);
  });

  it('cannot be forged by a separator inside text, which normalisation removes', () => {
    const record = normalised(
      'judicial',
      {
        case_number: `(2023)京0108民初1234号\u001f${PERSON}`,
        subject_id: PERSON,
        role: 'defendant',
        case_type: 'civil',
        filed_on: '2023-05-10',
        status: 'open',
      },
      { moneyUnit: 'fen' },
    );
    expect(naturalKeyOf(CATEGORY_SCHEMAS.judicial, record).split('\u001f')).toHaveLength(2);
  });
});

describe('canonicalRecordJson', () => {
  it('sorts keys, writes bigint as a decimal string and keeps null', () => {
    expect(canonicalRecordJson({ c: true, b: 12n, a: null, d: 7, e: '文' })).toBe(
      '{"a":null,"b":"12","c":true,"d":7,"e":"文"}',
    );
  });

  it('refuses numbers JSON cannot hold', () => {
    expect(() => canonicalRecordJson({ a: Number.NaN })).toThrow(RangeError);
  });
});

describe('contentHash', () => {
  it('is the SHA-256 hex of the canonical JSON', () => {
    // sha256('{}')
    expect(contentHash({})).toBe(
      '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
    );
    expect(contentHash(TAX_RECORD)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on key order', () => {
    const reversed = Object.fromEntries(Object.entries(TAX_RECORD).reverse());
    expect(contentHash(reversed)).toBe(contentHash(TAX_RECORD));
  });

  it('changes with any value, including null versus a value', () => {
    const base = contentHash(TAX_RECORD);
    expect(contentHash({ ...TAX_RECORD, tax_paid: 3_600_001n })).not.toBe(base);
    expect(contentHash({ ...TAX_RECORD, invoice_amount: 0n })).not.toBe(base);
    expect(contentHash({ ...TAX_RECORD, invoice_count: 43 })).not.toBe(base);
  });

  it('makes the same record delivered in two spellings unchanged', () => {
    const asCsv = normalised(
      'tax',
      {
        uscc: ` ${USCC.toLowerCase()} `,
        period: '2024年3月',
        taxable_revenue: '120万元',
        tax_paid: '¥36,000.00',
        invoice_count: '42',
        credit_rating: 'a',
      },
      { moneyUnit: 'yuan' },
    );
    const asJson = normalised(
      'tax',
      {
        uscc: USCC,
        period: 202403,
        taxable_revenue: 120_000_000,
        tax_paid: 3_600_000,
        invoice_count: 42,
        credit_rating: 'A',
      },
      { moneyUnit: 'fen' },
    );
    expect(naturalKeyOf(CATEGORY_SCHEMAS.tax, asCsv)).toBe(
      naturalKeyOf(CATEGORY_SCHEMAS.tax, asJson),
    );
    expect(contentHash(asCsv)).toBe(contentHash(asJson));
  });
});

describe('stored natural keys', () => {
  const blind = (key: string) => `sha256:${key.length}`;

  it("keeps an enterprise's key in clear and hides a person's", () => {
    expect(storedNaturalKey('enterprise', `${USCC}\u001f2024-03`, blind)).toBe(
      `key:${USCC}\u001f2024-03`,
    );
    expect(storedNaturalKey('person', `${PERSON}\u001f2024-03`, blind)).toBe('sha256:26');
  });

  it('has the migration that rewrote hashed enterprise keys name every key field', () => {
    const migration = readFileSync(
      new URL('../../migrations/0020_enterprise_record_keys.sql', import.meta.url),
      'utf8',
    );
    const enterpriseCategories = Object.values(CATEGORY_SCHEMAS).filter(
      (schema) => schema.subject.kind !== 'person',
    );
    expect(enterpriseCategories.length).toBeGreaterThan(5);
    for (const schema of enterpriseCategories) {
      const fields = schema.naturalKey
        .map((name) => `coalesce\\(content->>'${name}', ''\\)`)
        .join('\\s*\\|\\|\\s*chr\\(31\\)\\s*\\|\\|\\s*');
      expect(migration).toMatch(new RegExp(`when '${schema.category}' then ${fields}\\s*\\n`));
    }
  });
});
