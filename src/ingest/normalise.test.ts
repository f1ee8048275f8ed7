import { describe, expect, it } from 'vitest';

import { buildResidentId, buildUscc } from '../demo/seed.js';
import { hasMessage, translate } from '../platform/messages.js';
import { usccCheckCharacter } from '../registry/identifiers.js';
import { RECORD_CATEGORY_CODES, type RecordCategory } from './categories.js';
import {
  cleanText,
  normaliseRecord,
  type CanonicalRecord,
  type CanonicalValue,
  type MoneyUnit,
  type RecordProblem,
  type SourceOptions,
} from './normalise.js';
import { CATEGORY_SCHEMAS, type CategorySchema } from './schemas.js';

/** Noon of 2024-06-01 in China. */
const TODAY = new Date('2024-06-01T04:00:00Z');
const FEN: SourceOptions = { moneyUnit: 'fen' };

const USCC = buildUscc('9', '1', '110108', 'MA01AB2C');
const OTHER_USCC = buildUscc('9', '1', '330106', 'MA2CD3E4');
const PERSON = buildResidentId('110105', '19900307', '123');
/** A resident ID whose check character is `X`. */
const PERSON_X = buildResidentId('110105', '19900307', '101');

/** A valid raw record of every category, as a provider speaking our schema would send it. */
const VALID: Readonly<Record<RecordCategory, Readonly<Record<string, unknown>>>> = {
  business_registration: {
    uscc: USCC,
    name: '北京智造精密机械有限公司',
    status: 'active',
    established_on: '2015-04-20',
    registered_capital: '1000000000',
    industry: 'manufacturing',
    region: '110108',
  },
  tax: {
    uscc: USCC,
    period: '2024-03',
    taxable_revenue: '120000000',
    tax_paid: '3600000',
    invoice_count: '42',
    invoice_amount: '110000000',
    arrears: '0',
    credit_rating: 'A',
  },
  social_security: {
    resident_id: PERSON,
    period: '2024-03',
    employer_uscc: USCC,
    contribution_base: '800000',
    paid: '240000',
    status: 'paid',
    city: '110105',
  },
  housing_fund: {
    resident_id: PERSON,
    period: '2024-03',
    employer_uscc: USCC,
    deposit_base: '800000',
    paid: '96000',
    account_status: 'active',
  },
  customs: {
    uscc: OTHER_USCC,
    period: '2024-04',
    import_value: '50000000',
    export_value: '80000000',
    declarations: '12',
    credit_level: 'general',
  },
  utilities: {
    uscc: USCC,
    period: '2024-05',
    utility: 'electricity',
    amount: '4500000',
    paid_on_time: 'true',
    overdue_days: '0',
  },
  judicial: {
    case_number: '(2023)京0108民初1234号',
    subject_id: PERSON,
    role: 'defendant',
    case_type: 'civil',
    filed_on: '2023-05-10',
    closed_on: '2023-09-01',
    amount: '5000000',
    status: 'closed',
  },
  administrative: {
    decision_number: '京海市监罚〔2023〕88号',
    uscc: USCC,
    kind: 'penalty',
    decided_on: '2023-11-02',
    authority: '北京市海淀区市场监督管理局',
    amount: '2000000',
    severity: 'minor',
  },
  credit_bureau: {
    subject_id: USCC,
    period: '2024-05',
    loans_outstanding: '300000000',
    overdue_amount: '0',
    max_overdue_days: '0',
    inquiries_6m: '3',
    open_accounts: '2',
  },
  property: {
    certificate_number: '京(2020)海淀区不动产权第0012345号',
    subject_id: PERSON,
    property_type: 'residential',
    area_m2: '89.50',
    assessed_value: '650000000',
    mortgaged: '是',
    registered_on: '2020-08-15',
  },
  procurement: {
    contract_number: 'HD-2024-0031',
    uscc: USCC,
    awarded_on: '2024-02-01',
    amount: '300000000',
    buyer: '北京市海淀区教育委员会',
    status: 'performing',
  },
  self_reported: {
    uscc: USCC,
    period: '2024-04',
    revenue: '90000000',
    net_profit: '-1500000',
    total_assets: '500000000',
    total_liabilities: '200000000',
    employees: '35',
  },
};

const run = (
  category: RecordCategory,
  overrides: Readonly<Record<string, unknown>> = {},
  options: SourceOptions = FEN,
) =>
  normaliseRecord(CATEGORY_SCHEMAS[category], { ...VALID[category], ...overrides }, options, TODAY);

/** The normalised record; fails the test if the record was refused. */
function recordOf(
  category: RecordCategory,
  overrides: Readonly<Record<string, unknown>> = {},
  options: SourceOptions = FEN,
): CanonicalRecord {
  const result = run(category, overrides, options);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problems)}`);
  return result.record;
}

/** The problems of a refused record; fails the test if it was accepted. */
function problemsOf(
  category: RecordCategory,
  overrides: Readonly<Record<string, unknown>>,
  options: SourceOptions = FEN,
): RecordProblem[] {
  const result = run(category, overrides, options);
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.record, jsonBigint)}`);
  return result.problems;
}

const jsonBigint = (_key: string, value: unknown): unknown =>
  typeof value === 'bigint' ? `${value}n` : value;

const valueOf = (
  category: RecordCategory,
  field: string,
  raw: unknown,
  options: SourceOptions = FEN,
): CanonicalValue | undefined => recordOf(category, { [field]: raw }, options)[field];

/** Every code a record problem may carry, each of which must be in the catalogue. */
const RECORD_CODES = [
  'required',
  'invalid',
  'unknown_field',
  'too_long',
  'not_in_enum',
  'not_a_number',
  'not_an_integer',
  'negative_amount',
  'too_many_decimals',
  'out_of_range',
  'bad_date',
  'date_in_future',
  'date_too_early',
  'date_order',
  'bad_period',
  'period_in_future',
  'bad_boolean',
  'unknown_region',
  'wrong_subject_kind',
] as const;

describe('normaliseRecord: a valid record of every category', () => {
  it.each(RECORD_CATEGORY_CODES)('%s normalises', (category) => {
    const result = run(category);
    expect(result.ok).toBe(true);
  });

  it.each(RECORD_CATEGORY_CODES)(
    '%s is a fixed point: its canonical record normalises to itself',
    (category) => {
      const record = recordOf(category);
      expect(normaliseRecord(CATEGORY_SCHEMAS[category], record, FEN, TODAY)).toMatchObject({
        ok: true,
        record,
      });
    },
  );

  it('gives typed canonical values and null for absent optional fields', () => {
    expect(recordOf('business_registration')).toEqual({
      uscc: USCC,
      name: '北京智造精密机械有限公司',
      status: 'active',
      established_on: '2015-04-20',
      registered_capital: 1_000_000_000n,
      industry: 'manufacturing',
      region: '110108',
      abnormal_since: null,
    });
    expect(recordOf('property')).toEqual({
      certificate_number: '京(2020)海淀区不动产权第0012345号',
      subject_id: PERSON,
      property_type: 'residential',
      area_m2: '89.5',
      assessed_value: 650_000_000n,
      mortgaged: true,
      registered_on: '2020-08-15',
    });
    expect(recordOf('tax')).toMatchObject({ invoice_count: 42, arrears: 0n });
  });

  it('treats missing, null, empty and whitespace-only values alike as absent', () => {
    for (const blank of [undefined, null, '', '   ', '\u3000\t']) {
      expect(valueOf('business_registration', 'registered_capital', blank)).toBeNull();
      expect(problemsOf('business_registration', { name: blank })).toEqual([
        { field: 'name', code: 'required' },
      ]);
    }
  });
});

describe('normaliseRecord: the subject', () => {
  it('names an enterprise by its USCC and a person by their resident ID', () => {
    expect(run('tax')).toMatchObject({ subject: { kind: 'enterprise', id: USCC } });
    expect(run('social_security')).toMatchObject({ subject: { kind: 'person', id: PERSON } });
  });

  it('detects the kind of a subject_id field', () => {
    expect(run('judicial', { subject_id: PERSON })).toMatchObject({
      subject: { kind: 'person', id: PERSON },
    });
    expect(run('judicial', { subject_id: USCC })).toMatchObject({
      subject: { kind: 'enterprise', id: USCC },
    });
    expect(run('credit_bureau', { subject_id: PERSON_X.toLowerCase() })).toMatchObject({
      subject: { kind: 'person', id: PERSON_X },
    });
  });

  it('reports an invalid subject_id against the kind it looks like', () => {
    const badCheck = (id: string) => id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');
    expect(problemsOf('judicial', { subject_id: badCheck(PERSON) })).toEqual([
      { field: 'subject_id', code: 'RESIDENT_ID_CHECK_CHARACTER' },
    ]);
    expect(problemsOf('judicial', { subject_id: badCheck(USCC) })).toEqual([
      { field: 'subject_id', code: 'USCC_CHECK_CHARACTER' },
    ]);
    // A first-generation 15-digit number.
    expect(problemsOf('property', { subject_id: '110105900307123' })).toEqual([
      { field: 'subject_id', code: 'RESIDENT_ID_LENGTH' },
    ]);
    // An all-digit USCC (中国建设银行) whose characters 7–14 are no birth date.
    expect(run('judicial', { subject_id: '911100001000044477' })).toMatchObject({
      subject: { kind: 'enterprise' },
    });
  });
});

describe('normaliseRecord: normalisation', () => {
  it('turns full-width characters half-width and collapses whitespace in text', () => {
    const record = recordOf(
      'business_registration',
      {
        name: '  ＡＢＣ　科技\n\t有限公司 ',
        uscc: ` ${USCC.slice(0, 9)} ${USCC.slice(9).toLowerCase()}`.replace(/[0-9A-Z]/g, (c) =>
          String.fromCharCode(c.charCodeAt(0) + 0xfee0),
        ),
        region: '１１０１０８',
        registered_capital: '１，２３４．５６',
      },
      { moneyUnit: 'yuan' },
    );
    expect(record).toMatchObject({
      name: 'ABC 科技 有限公司',
      uscc: USCC,
      region: '110108',
      registered_capital: 123_456n,
    });
    expect(valueOf('judicial', 'case_number', '（2023）京0108民初1234号')).toBe(
      '(2023)京0108民初1234号',
    );
  });

  it('removes control characters and zero-width spaces from text', () => {
    expect(valueOf('procurement', 'buyer', '北京\u001f市\u200b教委')).toBe('北京 市教委');
  });

  it.each([
    '2024-03-05',
    '2024-3-5',
    '2024/3/5',
    '2024/03/05',
    '2024.03.05',
    '20240305',
    '2024年3月5日',
    '2024 年 3 月 5 日',
    '２０２４－０３－０５',
    '2024-03-05T10:00:00+08:00',
    '2024-03-05T10:00:00.123+0800',
    '2024-03-04T16:00:00Z',
    '2024-03-05T15:59:59.999Z',
    '2024-03-05T01:00:00-05:00',
    '2024-03-05 23:59:59',
    '2024/3/5 8:30',
    20240305,
  ])('reads the date %s as 2024-03-05', (raw) => {
    expect(valueOf('procurement', 'awarded_on', raw)).toBe('2024-03-05');
  });

  it('takes the date of a timestamp in China time', () => {
    expect(valueOf('procurement', 'awarded_on', '2024-03-05T16:00:00Z')).toBe('2024-03-06');
    expect(valueOf('procurement', 'awarded_on', '2024-03-05T20:00:00-05:00')).toBe('2024-03-06');
  });

  it.each([
    '2024-03',
    '2024-3',
    '2024/3',
    '2024/03',
    '202403',
    '2024年3月',
    '2024.03',
    '2024.3',
    202403,
  ])('reads the period %s as 2024-03', (raw) => {
    expect(valueOf('tax', 'period', raw)).toBe('2024-03');
  });

  it.each<[unknown, MoneyUnit, bigint]>([
    ['1,234.56', 'yuan', 123_456n],
    ['1234', 'yuan', 123_400n],
    ['¥1,234.56', 'yuan', 123_456n],
    ['￥1,234.56', 'yuan', 123_456n],
    ['RMB 1 234.50', 'yuan', 123_450n],
    ['1234.56元', 'fen', 123_456n],
    ['1234.560', 'yuan', 123_456n],
    ['12.5万', 'yuan', 12_500_000n],
    ['12.5万元', 'fen', 12_500_000n],
    ['12.5', 'wan_yuan', 12_500_000n],
    ['0.000001', 'wan_yuan', 1n],
    ['1.5亿元', 'yuan', 15_000_000_000n],
    ['300分', 'wan_yuan', 300n],
    ['300', 'fen', 300n],
    ['0', 'yuan', 0n],
    [1234.56, 'yuan', 123_456n],
    [12.5, 'wan_yuan', 12_500_000n],
    [300, 'fen', 300n],
    [300n, 'fen', 300n],
  ])('reads money %s (source unit %s) as %s fen', (raw, moneyUnit, fen) => {
    expect(valueOf('self_reported', 'revenue', raw, { moneyUnit })).toBe(fen);
  });

  it.each<[string, bigint]>([
    ['-1,234.56', -123_456n],
    ['-¥12', -1_200n],
    ['¥-12', -1_200n],
    ['\u221212.5', -1_250n],
    ['-0.5万', -500_000n],
    ['+12', 1_200n],
  ])('reads signed money %s as %s fen', (raw, fen) => {
    expect(valueOf('self_reported', 'net_profit', raw, { moneyUnit: 'yuan' })).toBe(fen);
  });

  it('converts money exactly, without floating point', () => {
    const yuan: SourceOptions = { moneyUnit: 'yuan' };
    expect(valueOf('self_reported', 'revenue', '0.29', yuan)).toBe(29n);
    expect(valueOf('self_reported', 'revenue', 0.29, yuan)).toBe(29n);
    expect(valueOf('self_reported', 'revenue', '1.005', { moneyUnit: 'wan_yuan' })).toBe(
      1_005_000n,
    );
    expect(valueOf('self_reported', 'revenue', '1234567890123.45', yuan)).toBe(
      123_456_789_012_345n,
    );
    expect(valueOf('self_reported', 'revenue', 1234567890123.45, yuan)).toBe(123_456_789_012_345n);
    expect(valueOf('self_reported', 'revenue', '9223372036854775807')).toBe(2n ** 63n - 1n);
    // 0.1 + 0.2 in a JSON number is 0.30000000000000004: refused, never rounded.
    expect(problemsOf('self_reported', { revenue: 0.1 + 0.2 }, yuan)).toEqual([
      { field: 'revenue', code: 'too_many_decimals', params: { scale: 2 } },
    ]);
  });

  it('reads integers with separators and integral decimals', () => {
    expect(valueOf('self_reported', 'employees', '1,234')).toBe(1234);
    expect(valueOf('self_reported', 'employees', '35.00')).toBe(35);
    expect(valueOf('self_reported', 'employees', 35)).toBe(35);
    expect(valueOf('self_reported', 'employees', '３５')).toBe(35);
  });

  it.each<[unknown, string]>([
    ['120.50', '120.5'],
    ['120.00', '120'],
    ['0089.5', '89.5'],
    ['1,234.5', '1234.5'],
    ['0.05', '0.05'],
    ['-0.00', '0'],
    [120.5, '120.5'],
    [0, '0'],
  ])('keeps the decimal %s as the exact text %s', (raw, text) => {
    expect(valueOf('property', 'area_m2', raw)).toBe(text);
  });

  it.each<[unknown, boolean]>([
    [true, true],
    [false, false],
    ['true', true],
    ['FALSE', false],
    ['1', true],
    ['0', false],
    [1, true],
    [0, false],
    ['是', true],
    ['否', false],
    ['Y', true],
    ['n', false],
    ['Yes', true],
    ['NO', false],
  ])('reads the boolean %s as %s', (raw, value) => {
    expect(valueOf('property', 'mortgaged', raw)).toBe(value);
  });

  it('matches enum values case-insensitively, after the source value maps', () => {
    expect(valueOf('business_registration', 'status', ' ACTIVE ')).toBe('active');
    expect(valueOf('tax', 'credit_rating', 'b')).toBe('B');
    const options: SourceOptions = {
      moneyUnit: 'fen',
      valueMaps: { status: { 正常: 'active', 吊销: 'revoked', Cancelled: 'cancelled' } },
    };
    expect(valueOf('business_registration', 'status', '正常', options)).toBe('active');
    expect(valueOf('business_registration', 'status', ' 吊销 ', options)).toBe('revoked');
    expect(valueOf('business_registration', 'status', 'CANCELLED', options)).toBe('cancelled');
    // Values the map does not name are matched as they are.
    expect(valueOf('business_registration', 'status', 'abnormal', options)).toBe('abnormal');
  });

  it('applies value maps to booleans too', () => {
    const options: SourceOptions = {
      moneyUnit: 'fen',
      valueMaps: { mortgaged: { 有: 'true', 无: 'false' } },
    };
    expect(valueOf('property', 'mortgaged', '有', options)).toBe(true);
    expect(valueOf('property', 'mortgaged', '无', options)).toBe(false);
  });

  it('allows abnormal_since while the status is not abnormal', () => {
    expect(recordOf('business_registration', { abnormal_since: '2020-01-01' })).toMatchObject({
      status: 'active',
      abnormal_since: '2020-01-01',
    });
  });
});

describe('normaliseRecord: problem codes', () => {
  const problem = (field: string, code: string, params?: RecordProblem['params']) => [
    params === undefined ? { field, code } : { field, code, params },
  ];

  it('required', () => {
    expect(problemsOf('tax', { tax_paid: undefined })).toEqual(problem('tax_paid', 'required'));
  });

  it('invalid: an object or array where one value belongs', () => {
    expect(problemsOf('tax', { tax_paid: { fen: 1 }, period: ['2024-03'] })).toEqual([
      { field: 'period', code: 'invalid' },
      { field: 'tax_paid', code: 'invalid' },
    ]);
  });

  it('unknown_field', () => {
    expect(problemsOf('tax', { colour: 'red' })).toEqual(problem('colour', 'unknown_field'));
  });

  it('too_long, counting characters (code points)', () => {
    expect(problemsOf('procurement', { contract_number: 'x'.repeat(65) })).toEqual(
      problem('contract_number', 'too_long', { limit: 64 }),
    );
    expect(valueOf('procurement', 'contract_number', '𠀀'.repeat(64))).toBe('𠀀'.repeat(64));
  });

  it('not_in_enum', () => {
    expect(problemsOf('business_registration', { status: 'dormant' })).toEqual(
      problem('status', 'not_in_enum', { allowed: 'active, abnormal, revoked, cancelled' }),
    );
    const options: SourceOptions = { moneyUnit: 'fen', valueMaps: { status: { 正常: 'normal' } } };
    expect(problemsOf('business_registration', { status: '正常' }, options)).toMatchObject(
      problem('status', 'not_in_enum'),
    );
  });

  it.each<[unknown, SourceOptions]>([
    ['abc', FEN],
    ['12,34', FEN],
    ['1.2.3', FEN],
    ['--5', FEN],
    ['-¥-5', FEN],
    ['12美元', FEN],
    [true, FEN],
    [2 ** 60, FEN],
  ])('not_a_number: %s', (raw, options) => {
    expect(problemsOf('tax', { tax_paid: raw }, options)).toEqual(
      problem('tax_paid', 'not_a_number'),
    );
  });

  it('not_a_number for integers and decimals', () => {
    expect(problemsOf('tax', { invoice_count: 'many' })).toEqual(
      problem('invoice_count', 'not_a_number'),
    );
    expect(problemsOf('property', { area_m2: '90㎡' })).toEqual(problem('area_m2', 'not_a_number'));
  });

  it('not_an_integer', () => {
    expect(problemsOf('tax', { invoice_count: '3.5' })).toEqual(
      problem('invoice_count', 'not_an_integer'),
    );
    expect(problemsOf('tax', { invoice_count: 3.5 })).toEqual(
      problem('invoice_count', 'not_an_integer'),
    );
  });

  it('negative_amount, except for signed fields', () => {
    expect(problemsOf('tax', { tax_paid: '-1' })).toEqual(problem('tax_paid', 'negative_amount'));
    expect(valueOf('self_reported', 'net_profit', '-1')).toBe(-1n);
  });

  it('too_many_decimals, by unit', () => {
    expect(problemsOf('tax', { tax_paid: '1.234' }, { moneyUnit: 'yuan' })).toEqual(
      problem('tax_paid', 'too_many_decimals', { scale: 2 }),
    );
    expect(problemsOf('tax', { tax_paid: '1.5' })).toEqual(
      problem('tax_paid', 'too_many_decimals', { scale: 0 }),
    );
    expect(problemsOf('tax', { tax_paid: '1.2345678万' })).toEqual(
      problem('tax_paid', 'too_many_decimals', { scale: 6 }),
    );
    expect(problemsOf('property', { area_m2: '89.505' })).toEqual(
      problem('area_m2', 'too_many_decimals', { scale: 2 }),
    );
  });

  it('out_of_range', () => {
    expect(problemsOf('tax', { invoice_count: '-1' })).toEqual(
      problem('invoice_count', 'out_of_range', { min: 0, max: 10_000_000 }),
    );
    expect(problemsOf('credit_bureau', { max_overdue_days: '3651' })).toEqual(
      problem('max_overdue_days', 'out_of_range', { min: 0, max: 3650 }),
    );
    expect(problemsOf('property', { area_m2: '-0.5' })).toEqual(
      problem('area_m2', 'out_of_range', { min: 0, max: '∞' }),
    );
    expect(problemsOf('tax', { tax_paid: '9223372036854775808' })).toEqual(
      problem('tax_paid', 'out_of_range', { min: '0', max: '9223372036854775807' }),
    );
  });

  it.each<unknown>([
    '2024-02-30',
    '2024-13-01',
    '2024/03-05',
    'yesterday',
    '24-03-05',
    '2024-03-05T25:00:00',
    2024.0305,
    false,
  ])('bad_date: %s', (raw) => {
    expect(problemsOf('procurement', { awarded_on: raw })).toEqual(
      problem('awarded_on', 'bad_date'),
    );
  });

  it('date_in_future, by the China date of today', () => {
    expect(problemsOf('procurement', { awarded_on: '2024-06-02' })).toEqual(
      problem('awarded_on', 'date_in_future'),
    );
    expect(valueOf('procurement', 'awarded_on', '2024-06-01')).toBe('2024-06-01');
    // 16:00 UTC on 1 June is already 2 June in China.
    expect(problemsOf('procurement', { awarded_on: '2024-06-01T16:00:00Z' })).toEqual(
      problem('awarded_on', 'date_in_future'),
    );
    const lateEvening = new Date('2024-05-31T17:00:00Z'); // 01:00 on 1 June in China
    expect(
      normaliseRecord(
        CATEGORY_SCHEMAS.procurement,
        { ...VALID.procurement, awarded_on: '2024-06-01' },
        FEN,
        lateEvening,
      ).ok,
    ).toBe(true);
  });

  it('date_too_early', () => {
    expect(problemsOf('procurement', { awarded_on: '1949-09-30' })).toEqual(
      problem('awarded_on', 'date_too_early'),
    );
    expect(valueOf('business_registration', 'established_on', '1949-10-01')).toBe('1949-10-01');
    expect(problemsOf('tax', { period: '1949-09' })).toEqual(problem('period', 'date_too_early'));
  });

  it('date_order: a case closed before it was filed', () => {
    expect(problemsOf('judicial', { filed_on: '2023-05-10', closed_on: '2023-05-09' })).toEqual(
      problem('closed_on', 'date_order', { after: 'filed_on' }),
    );
    expect(valueOf('judicial', 'closed_on', '2023-05-10')).toBe('2023-05-10');
  });

  it.each<unknown>(['2024-13', '2024-00', '2024', 'March 2024', '2024-03-05', 2024.03, true])(
    'bad_period: %s',
    (raw) => {
      expect(problemsOf('tax', { period: raw })).toEqual(problem('period', 'bad_period'));
    },
  );

  it('period_in_future', () => {
    expect(problemsOf('tax', { period: '2024-07' })).toEqual(problem('period', 'period_in_future'));
    expect(valueOf('tax', 'period', '2024-06')).toBe('2024-06');
  });

  it.each<unknown>(['maybe', '2', 2, '真'])('bad_boolean: %s', (raw) => {
    expect(problemsOf('utilities', { paid_on_time: raw })).toEqual(
      problem('paid_on_time', 'bad_boolean'),
    );
  });

  it.each<unknown>(['999999', '11010', '1101080', 'Beijing'])('unknown_region: %s', (raw) => {
    expect(problemsOf('social_security', { city: raw })).toEqual(problem('city', 'unknown_region'));
  });

  it('wrong_subject_kind: the other kind of valid identifier', () => {
    expect(problemsOf('social_security', { resident_id: USCC })).toEqual(
      problem('resident_id', 'wrong_subject_kind', { expected: '#resource.person' }),
    );
    expect(problemsOf('social_security', { employer_uscc: PERSON })).toEqual(
      problem('employer_uscc', 'wrong_subject_kind', { expected: '#resource.enterprise' }),
    );
  });

  it('wrong_subject_kind: a subject_id of the kind the schema does not allow', () => {
    const personOnly: CategorySchema = {
      ...CATEGORY_SCHEMAS.credit_bureau,
      subject: { field: 'subject_id', kind: 'person' },
    };
    const result = normaliseRecord(personOnly, VALID.credit_bureau, FEN, TODAY);
    expect(result).toEqual({
      ok: false,
      problems: problem('subject_id', 'wrong_subject_kind', { expected: '#resource.person' }),
    });
  });

  const replaceAt = (text: string, position: number, char: string) =>
    text.slice(0, position - 1) + char + text.slice(position);
  const withCheck = (first17: string) => first17 + usccCheckCharacter(first17);

  it.each<[string, string]>([
    ['USCC_LENGTH', USCC.slice(0, 17)],
    ['USCC_CHARSET', replaceAt(USCC, 10, 'I')],
    ['USCC_REGISTRATION_AUTHORITY', buildUscc('B', '1', '110108', 'MA01AB2C')],
    ['USCC_ENTITY_TYPE', buildUscc('9', '5', '110108', 'MA01AB2C')],
    ['USCC_REGION', buildUscc('9', '1', '999999', 'MA01AB2C')],
    [
      'USCC_ORGANISATION_CODE',
      withCheck(replaceAt(USCC, 17, USCC[16] === '0' ? '1' : '0').slice(0, 17)),
    ],
    ['USCC_CHECK_CHARACTER', replaceAt(USCC, 18, USCC[17] === '0' ? '1' : '0')],
  ])('%s', (code, uscc) => {
    expect(problemsOf('tax', { uscc })).toEqual(problem('uscc', code));
  });

  it.each<[string, string]>([
    ['RESIDENT_ID_LENGTH', PERSON.slice(0, 17)],
    ['RESIDENT_ID_CHARSET', replaceAt(PERSON, 5, 'A')],
    ['RESIDENT_ID_REGION', buildResidentId('990105', '19900307', '123')],
    ['RESIDENT_ID_DATE', buildResidentId('110105', '19901307', '123')],
    ['RESIDENT_ID_CHECK_CHARACTER', replaceAt(PERSON, 18, PERSON[17] === '0' ? '1' : '0')],
  ])('%s', (code, residentId) => {
    expect(problemsOf('housing_fund', { resident_id: residentId })).toEqual(
      problem('resident_id', code),
    );
  });

  it('collects every problem of a record at once', () => {
    expect(
      problemsOf('judicial', {
        case_number: '',
        subject_id: 'not an id',
        role: 'witness',
        filed_on: '2023-05-10',
        closed_on: '2023-05-01',
        amount: '-5',
        judge: '王法官',
      }),
    ).toEqual([
      { field: 'case_number', code: 'required' },
      { field: 'subject_id', code: 'USCC_LENGTH' },
      {
        field: 'role',
        code: 'not_in_enum',
        params: { allowed: 'plaintiff, defendant, executed_person' },
      },
      { field: 'amount', code: 'negative_amount' },
      { field: 'closed_on', code: 'date_order', params: { after: 'filed_on' } },
      { field: 'judge', code: 'unknown_field' },
    ]);
  });

  it.each(RECORD_CODES)('%s is in the message catalogue in both languages', (code) => {
    expect(hasMessage(code)).toBe(true);
    expect(translate(code, 'zh-CN')).not.toBe(translate(code, 'en'));
  });

  it('renders the expected subject kind', () => {
    expect(translate('wrong_subject_kind', 'en', { expected: '#resource.person' })).toBe(
      'Wrong kind of identifier (expected: person)',
    );
    expect(translate('wrong_subject_kind', 'zh-CN', { expected: '#resource.enterprise' })).toBe(
      '证件号类型不符，此处应为企业的证件号',
    );
  });
});

describe('cleanText: the shortcut for plain text', () => {
  // What cleanText did before it had a shortcut, for every input.
  const fullClean = (text: string) =>
    text
      .normalize('NFKC')
      .replace(/\p{Cc}/gu, ' ')
      .replace(/\u200b/gu, '')
      .replace(/\s+/gu, ' ')
      .trim();

  it.each([
    'A',
    'plain words here',
    'two  spaces',
    ' leading',
    'trailing ',
    'tab\there',
    'line\nbreak',
    'unit\u001fseparator',
    'ＡＢＣ１２３',
    'zero\u200bwidth',
    '~!@#$%^&*()_+{}|:"<>?',
    '',
    ' ',
    '中文 文本',
  ])('%j comes out as the full cleaning makes it', (text) => {
    expect(cleanText(text)).toBe(fullClean(text));
  });
});
