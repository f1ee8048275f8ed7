import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildResidentId, buildUscc } from '../../src/demo/seed.js';
import { chinaDate } from '../../src/platform/time.js';
import { CHECK_PROBLEM_CODES } from '../../src/verify/messages/index.js';
import { defaultPolicy } from '../../src/rules/default-policy.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

/**
 * Every failure cause of every verification check, produced over HTTP on a real database:
 * provider records pushed through the ingest API, borrowers registered through the registry,
 * stated fields in the pre-check and application bodies. Per cause: the check's outcome, the
 * problem's own code, its field or source, the as-of date, both languages and the fix.
 */

interface LocalText {
  'zh-CN': string;
  en: string;
}
interface Fix {
  action: string;
  message: LocalText;
  proofKinds?: string[];
  retryAfterSeconds?: number;
}
interface Problem {
  code: string;
  field: string | null;
  message: LocalText;
  fix: Fix;
  alternatives?: Fix[];
  params: Record<string, unknown>;
}
interface CheckResult {
  check: string;
  outcome: 'pass' | 'fail' | 'unavailable';
  problems: Problem[];
  asOf: string | null;
  source: string;
  evidence: string[];
}
interface Precheck {
  outcome: 'pass' | 'fail' | 'pending';
  retryAfterSeconds: number | null;
  checks: CheckResult[];
}
interface Application {
  id: string;
  status: string;
  checks: CheckResult[];
  decisions: { outcome: string; reasons: string[] }[];
}

let t: TestApp;
let productId = '';
let today = '';
const tokens = new Map<string, string>();

/** `YYYY-MM`, `offset` months from this month (China civil calendar). */
function monthAt(offset: number): string {
  const [year = 0, month = 1] = today.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1 + offset, 1)).toISOString().slice(0, 7);
}

const EMPLOYER = {
  paying: buildUscc('9', '1', '330106', 'MA8K0001'),
  other: buildUscc('9', '1', '330106', 'MA8K0002'),
  revoked: buildUscc('9', '1', '330106', 'MA8K0003'),
  cancelled: buildUscc('9', '1', '330106', 'MA8K0004'),
  abnormal: buildUscc('9', '1', '330106', 'MA8K0005'),
  young: buildUscc('9', '1', '330106', 'MA8K0006'),
  unregistered: buildUscc('9', '1', '330106', 'MA8K0007'),
};
const APPLICANT_ENTERPRISE = buildUscc('9', '1', '110108', 'MA8K0010');

type PersonKey =
  | 'ok'
  | 'none'
  | 'gap'
  | 'ssArrears'
  | 'ssSuspended'
  | 'hfSealed'
  | 'hfClosed'
  | 'hfFew'
  | 'hfArrears'
  | 'enforcement'
  | 'dishonest'
  | 'underAge'
  | 'implausible';
type BorrowerKey = PersonKey | 'enterprise';

const PERSON_IDS: Record<Exclude<PersonKey, 'underAge'>, [birth: string, name: string]> = {
  ok: ['19880415', '周正'],
  none: ['19880416', '吴空'],
  gap: ['19880417', '郑断'],
  ssArrears: ['19880418', '王欠'],
  ssSuspended: ['19880419', '冯停'],
  hfSealed: ['19880420', '陈封'],
  hfClosed: ['19880421', '褚销'],
  hfFew: ['19880422', '卫少'],
  hfArrears: ['19880423', '蒋缓'],
  enforcement: ['19880424', '沈执'],
  dishonest: ['19880425', '韩信'],
  implausible: ['19150101', '杨寿'],
};

const residentIds = new Map<PersonKey, string>();

/** Social-security months pushed: this month and the twelve before it. */
const MONTHS = Array.from({ length: 13 }, (_, i) => i - 12);
type Change = Record<string, string> | null;
const unchanged = (): Change => ({});
/** `delta` in the given months (null: no record then), the usual record in the others. */
const inMonths =
  (months: readonly number[], delta: Change) =>
  (offset: number): Change =>
    months.includes(offset) ? delta : {};

function contributions(residentId: string, change: (offset: number) => Change = unchanged) {
  return MONTHS.flatMap((offset) => {
    const delta = change(offset);
    if (delta === null) return [];
    return [
      {
        resident_id: residentId,
        period: monthAt(offset),
        employer_uscc: EMPLOYER.paying,
        contribution_base: '800000',
        paid: '83200',
        status: 'paid',
        city: '330106',
        ...delta,
      },
    ];
  });
}

function deposits(residentId: string, change: (offset: number) => Change = unchanged) {
  return MONTHS.flatMap((offset) => {
    const delta = change(offset);
    if (delta === null) return [];
    return [
      {
        resident_id: residentId,
        period: monthAt(offset),
        employer_uscc: EMPLOYER.paying,
        deposit_base: '800000',
        paid: '96000',
        account_status: 'active',
        ...delta,
      },
    ];
  });
}

const registration = (uscc: string, name: string, status: string, established: string) => ({
  uscc,
  name,
  status,
  established_on: established,
  industry: 'technology',
  region: '330106',
});

/** A borrower who states the paying employer, an income its base covers and its city. */
const MATCHING = {
  statedEmployerUscc: EMPLOYER.paying,
  statedMonthlyIncomeFen: '1000000',
  statedCity: '330100',
};

async function push(key: string, category: string, records: unknown[]) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/ingest/${category}`,
    headers: { 'x-api-key': key },
    payload: { records },
  });
  expect(response.statusCode, response.body).toBe(201);
  const report = response.json<{ read: number; accepted: number; quarantined: number }>();
  expect(report, `${category}: every record accepted`).toMatchObject({
    read: records.length,
    accepted: records.length,
    quarantined: 0,
  });
}

async function register(key: BorrowerKey, payload: Record<string, unknown>) {
  const login = `verify-${key.toLowerCase()}`;
  const response = await t.app.inject({
    method: 'POST',
    url: '/auth/register',
    payload: { login, password: 'Verify-2026-secret', ...payload },
  });
  expect(response.statusCode, response.body).toBe(201);
  tokens.set(key, await t.login(login, 'Verify-2026-secret'));
}

const as = (
  key: BorrowerKey | 'operator' | 'bank-a-admin',
  options: Parameters<TestApp['as']>[1],
) => t.as(tokens.get(key) ?? '', options);

beforeAll(async () => {
  t = await startTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '1000' } });
  today = chinaDate(t.ctx.now());
  const thisYear = Number(today.slice(0, 4));
  for (const login of ['operator', 'bank-a-admin'] as const)
    tokens.set(login, await t.login(login));

  // Borrowers: one person per data situation, and an enterprise the market regulator never
  // registered. The under-age person is ten; the implausible one would be over a hundred.
  for (const [key, [birth, name]] of Object.entries(PERSON_IDS)) {
    residentIds.set(key as PersonKey, buildResidentId('330106', birth, '031'));
    await register(key as PersonKey, {
      subjectKind: 'person',
      idNumber: residentIds.get(key as PersonKey),
      name,
    });
  }
  residentIds.set('underAge', buildResidentId('330106', `${thisYear - 10}0101`, '052'));
  await register('underAge', {
    subjectKind: 'person',
    idNumber: residentIds.get('underAge'),
    name: '秦小',
  });
  await register('enterprise', {
    subjectKind: 'enterprise',
    uscc: APPLICANT_ENTERPRISE,
    name: '北京未登记科技有限公司',
    industry: 'technology',
  });

  // The demo provider may push the categories the checks read.
  const organisations = (await as('operator', { method: 'GET', url: '/organisations' })).json<
    { id: string; code: string }[]
  >();
  const provider = organisations.find((o) => o.code === 'tax-bureau')?.id ?? '';
  const bankA = organisations.find((o) => o.code === 'bank-a')?.id ?? '';
  const granted = await as('operator', {
    method: 'POST',
    url: `/organisations/${provider}/categories`,
    payload: {
      categories: ['tax', 'social_security', 'housing_fund', 'judicial', 'business_registration'],
    },
  });
  expect(granted.statusCode, granted.body).toBe(200);
  const key = t.providerApiKey ?? '';
  const id = (person: PersonKey) => residentIds.get(person) ?? '';

  await push(key, 'business_registration', [
    registration(EMPLOYER.paying, '杭州云栖数据科技有限公司', 'active', '2015-03-01'),
    registration(EMPLOYER.other, '杭州西溪网络科技有限公司', 'active', '2016-05-20'),
    registration(EMPLOYER.revoked, '杭州吊销贸易有限公司', 'revoked', '2012-01-09'),
    registration(EMPLOYER.cancelled, '杭州注销餐饮有限公司', 'cancelled', '2013-07-01'),
    {
      ...registration(EMPLOYER.abnormal, '杭州异常物流有限公司', 'abnormal', '2014-02-14'),
      abnormal_since: `${monthAt(-3)}-15`,
    },
    registration(EMPLOYER.young, '杭州新设咨询有限公司', 'active', `${monthAt(-2)}-01`),
  ]);

  const everyoneWithRecords: PersonKey[] = [
    'ok',
    'hfSealed',
    'hfClosed',
    'hfFew',
    'hfArrears',
    'enforcement',
    'dishonest',
    'underAge',
    'implausible',
  ];
  await push(key, 'social_security', [
    ...everyoneWithRecords.flatMap((person) => contributions(id(person))),
    ...contributions(id('gap'), inMonths([-3], null)),
    ...contributions(id('ssArrears'), inMonths([-2], { status: 'arrears', paid: '0' })),
    ...contributions(id('ssSuspended'), inMonths([-2], { status: 'suspended', paid: '0' })),
  ]);
  const healthyFund: PersonKey[] = [
    'ok',
    'gap',
    'ssArrears',
    'ssSuspended',
    'enforcement',
    'dishonest',
    'underAge',
    'implausible',
  ];
  await push(key, 'housing_fund', [
    ...healthyFund.flatMap((person) => deposits(id(person))),
    ...deposits(id('hfSealed'), inMonths([0], { account_status: 'sealed', paid: '0' })),
    ...deposits(id('hfClosed'), inMonths([0], { account_status: 'closed', paid: '0' })),
    // Three months paid in, nothing recorded for the others.
    ...deposits(id('hfFew'), (offset) => (offset >= -3 && offset <= -1 ? {} : null)),
    ...deposits(id('hfArrears'), inMonths([-2, -1], { paid: '0' })),
  ]);
  const filedOn = `${monthAt(-2)}-10`;
  await push(key, 'judicial', [
    {
      case_number: '(2026)浙0106执1234号',
      subject_id: id('enforcement'),
      role: 'executed_person',
      case_type: 'enforcement',
      filed_on: filedOn,
      amount: '5000000',
      status: 'open',
    },
    // Neither a closed enforcement nor a suit the person brought counts against them.
    {
      case_number: '(2025)浙0106执88号',
      subject_id: id('enforcement'),
      role: 'executed_person',
      case_type: 'enforcement',
      filed_on: '2025-01-10',
      closed_on: '2025-03-01',
      amount: '100000',
      status: 'closed',
    },
    {
      case_number: '(2026)浙0106民初77号',
      subject_id: id('enforcement'),
      role: 'plaintiff',
      case_type: 'civil',
      filed_on: filedOn,
      status: 'open',
    },
    {
      case_number: '(2026)浙0106执5678号',
      subject_id: id('dishonest'),
      role: 'executed_person',
      case_type: 'dishonest_executed',
      filed_on: filedOn,
      amount: '12000000',
      status: 'open',
    },
  ]);

  // A product that runs every check on published rules, and the borrowers' consent to it.
  const rules = await as('bank-a-admin', {
    method: 'POST',
    url: '/rules/versions',
    payload: { name: 'verification-policy', jdm: defaultPolicy() },
  });
  const ruleVersionId = rules.json<{ id: string }>().id;
  await as('bank-a-admin', { method: 'POST', url: `/rules/versions/${ruleVersionId}/publish` });
  const categories = ['social_security', 'housing_fund', 'judicial', 'business_registration'];
  const product = await as('bank-a-admin', {
    method: 'POST',
    url: '/loans/products',
    payload: {
      code: 'SALARY-VERIFIED',
      name: '工薪信用贷',
      loanType: 'working_capital',
      minAmountFen: '1000000',
      maxAmountFen: '50000000',
      minTermMonths: 3,
      maxTermMonths: 36,
      repaymentMethods: ['equal_instalment'],
      rateBpByGrade: { A: 380, B: 450, C: 560, D: 720 },
      approveFromScore: 0,
      declineBelowScore: 0,
      requiredCategories: categories,
      requiredChecks: [
        'identity',
        'social_security',
        'business_status',
        'court_enforcement',
        'housing_fund',
      ],
      requiredContinuousMonths: 6,
      secondReviewAboveFen: '50000000',
      ruleVersionId,
    },
  });
  expect(product.statusCode, product.body).toBe(201);
  productId = product.json<{ id: string }>().id;
  for (const borrower of tokens.keys()) {
    if (borrower === 'operator' || borrower === 'bank-a-admin') continue;
    const consent = await as(borrower as BorrowerKey, {
      method: 'POST',
      url: '/consents',
      payload: {
        granteeOrganisationId: bankA,
        categories: [...categories, 'credit_profile'],
        purpose: 'loan_application',
        expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      },
    });
    expect(consent.statusCode, consent.body).toBe(201);
  }
}, 120_000);
afterAll(async () => t.close());

async function precheck(borrower: BorrowerKey, stated: Record<string, string>) {
  const response = await as(borrower, {
    method: 'POST',
    url: '/loans/prechecks',
    payload: { productId, ...stated },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Precheck>();
}

const CJK = /[\u4e00-\u9fff]/;

/** Both languages present, different, fully rendered; the same for the fix and alternatives. */
function expectExplained(problem: Problem) {
  const texts = [
    problem.message,
    problem.fix.message,
    ...(problem.alternatives ?? []).map((a) => a.message),
  ];
  for (const text of texts) {
    expect(text['zh-CN'], problem.code).toMatch(CJK);
    expect(text.en, problem.code).toMatch(/[A-Za-z]{3}/);
    expect(text['zh-CN'], problem.code).not.toBe(text.en);
    // Every placeholder had its value: nothing reads "not given".
    expect(text['zh-CN'], problem.code).not.toMatch(/未提供|\{\w+\}/);
    expect(text.en, problem.code).not.toMatch(/not given|\{\w+\}/);
  }
}

interface Cause {
  readonly code: string;
  readonly check: string;
  readonly borrower: BorrowerKey;
  readonly stated: Record<string, string>;
  readonly field: string;
  readonly action: string;
  /** The check's as-of date: the source's, or null when the check stopped before asking it. */
  readonly asOf: 'today' | null;
  readonly params?: Record<string, unknown>;
}

const cause = (
  code: string,
  check: string,
  borrower: BorrowerKey,
  field: string,
  action: string,
  more: Partial<Pick<Cause, 'stated' | 'asOf' | 'params'>> = {},
): Cause => ({ code, check, borrower, field, action, stated: MATCHING, asOf: 'today', ...more });

const CAUSES: readonly Cause[] = [
  // identity: a registered borrower's identifier is valid and its name the registry's; what
  // can still fail is the age the identifier gives.
  cause('ID_UNDER_AGE', 'identity', 'underAge', 'subjectId', 'reapply_later', {
    params: { age: 10, minimumAge: 18 },
  }),
  cause('ID_BIRTH_DATE_IMPLAUSIBLE', 'identity', 'implausible', 'subjectId', 'correct_field', {
    params: { birthOn: '1915-01-01' },
  }),
  // social security: the person's records, and what the application states against them.
  cause('SS_NO_ACCOUNT', 'social_security', 'none', 'source:social_security', 'upload_proof'),
  cause('SS_NOT_CONTINUOUS', 'social_security', 'gap', 'source:social_security', 'upload_proof', {
    params: { requiredMonths: 6 },
  }),
  cause('SS_ARREARS', 'social_security', 'ssArrears', 'source:social_security', 'contact_provider'),
  cause('SS_SUSPENDED', 'social_security', 'ssSuspended', 'source:social_security', 'upload_proof'),
  cause('SS_EMPLOYER_MISMATCH', 'social_security', 'ok', 'statedEmployerUscc', 'correct_field', {
    stated: { ...MATCHING, statedEmployerUscc: EMPLOYER.other },
    // Both employers named as the registration data know them, masked.
    params: {
      statedEmployer: `杭州西溪****有限公司 (9133**********${EMPLOYER.other.slice(-4)})`,
      currentEmployer: [`杭州云栖****有限公司 (9133**********${EMPLOYER.paying.slice(-4)})`],
    },
  }),
  cause('SS_BASE_BELOW_INCOME', 'social_security', 'ok', 'statedMonthlyIncomeFen', 'upload_proof', {
    stated: { ...MATCHING, statedMonthlyIncomeFen: '2000000' },
    params: { baseFen: '800000', statedIncomeFen: '2000000', percent: 50 },
  }),
  cause('SS_OTHER_CITY', 'social_security', 'ok', 'statedCity', 'upload_proof', {
    stated: { ...MATCHING, statedCity: '110100' },
    params: { statedCity: '北京市', recordCities: ['杭州市'] },
  }),
  // business status: a person's stated employer, and an enterprise applicant itself.
  cause('BIZ_NO_EMPLOYER_STATED', 'business_status', 'ok', 'statedEmployerUscc', 'correct_field', {
    stated: { statedMonthlyIncomeFen: '1000000', statedCity: '330100' },
    asOf: null,
  }),
  cause('BIZ_USCC_INVALID', 'business_status', 'ok', 'statedEmployerUscc', 'correct_field', {
    stated: { ...MATCHING, statedEmployerUscc: `${EMPLOYER.paying.slice(0, 17)}0` },
    asOf: null,
  }),
  cause('BIZ_NOT_REGISTERED', 'business_status', 'ok', 'statedEmployerUscc', 'correct_field', {
    stated: { ...MATCHING, statedEmployerUscc: EMPLOYER.unregistered },
    params: { uscc: EMPLOYER.unregistered },
  }),
  cause('BIZ_NOT_REGISTERED', 'business_status', 'enterprise', 'subjectId', 'correct_field', {
    stated: {},
    params: { uscc: APPLICANT_ENTERPRISE },
  }),
  cause('BIZ_REVOKED', 'business_status', 'ok', 'source:business_registration', 'file_objection', {
    stated: { ...MATCHING, statedEmployerUscc: EMPLOYER.revoked },
  }),
  cause(
    'BIZ_CANCELLED',
    'business_status',
    'ok',
    'source:business_registration',
    'file_objection',
    { stated: { ...MATCHING, statedEmployerUscc: EMPLOYER.cancelled } },
  ),
  cause(
    'BIZ_ABNORMAL',
    'business_status',
    'ok',
    'source:business_registration',
    'contact_provider',
    { stated: { ...MATCHING, statedEmployerUscc: EMPLOYER.abnormal } },
  ),
  cause('BIZ_TOO_YOUNG', 'business_status', 'ok', 'source:business_registration', 'reapply_later', {
    stated: { ...MATCHING, statedEmployerUscc: EMPLOYER.young },
    params: { minimumMonths: 12 },
  }),
  // court enforcement: one problem per open case that holds the applicant liable.
  cause(
    'COURT_OPEN_ENFORCEMENT',
    'court_enforcement',
    'enforcement',
    'source:judicial',
    'upload_proof',
    {
      params: { caseNumber: '(2026)浙0106执1234号', amountFen: '5000000' },
    },
  ),
  cause(
    'COURT_DISHONEST_LISTED',
    'court_enforcement',
    'dishonest',
    'source:judicial',
    'contact_provider',
    {
      params: { caseNumber: '(2026)浙0106执5678号', amountFen: '12000000' },
    },
  ),
  // housing fund.
  cause('HF_NO_ACCOUNT', 'housing_fund', 'none', 'source:housing_fund', 'upload_proof'),
  cause('HF_ACCOUNT_SEALED', 'housing_fund', 'hfSealed', 'source:housing_fund', 'upload_proof'),
  cause('HF_ACCOUNT_CLOSED', 'housing_fund', 'hfClosed', 'source:housing_fund', 'upload_proof'),
  cause('HF_TOO_FEW_MONTHS', 'housing_fund', 'hfFew', 'source:housing_fund', 'upload_proof', {
    params: { paidMonths: 3, requiredMonths: 6 },
  }),
  cause('HF_ARREARS', 'housing_fund', 'hfArrears', 'source:housing_fund', 'contact_provider'),
];

/**
 * Codes no request can produce on the current platform, and why. The checks' unit tests cover
 * them; an integration test would have to fake the platform around them.
 */
const NOT_PRODUCIBLE: Readonly<Record<string, string>> = {
  ID_LENGTH_INVALID: 'the registry stores only valid resident IDs, and the check reads that one',
  ID_CHARSET_INVALID: 'the registry stores only valid resident IDs',
  ID_REGION_INVALID: 'the registry stores only valid resident IDs',
  ID_BIRTH_DATE_INVALID: 'the registry stores only valid resident IDs',
  ID_CHECK_DIGIT_INVALID: 'the registry stores only valid resident IDs',
  ID_USCC_LENGTH_INVALID: 'the registry stores only valid USCCs',
  ID_USCC_CHARACTER_INVALID: 'the registry stores only valid USCCs',
  ID_USCC_CHECK_INVALID: 'the registry stores only valid USCCs',
  ID_NAME_MISMATCH: 'the name checked is the registry name itself',
  ID_ENTERPRISE_NAME_MISMATCH: 'the name checked is the registry name itself',
  ID_NOT_REGISTERED:
    'only registered borrowers apply, and the registry answer is always registered',
  SS_BASE_BELOW_MINIMUM: 'a product has no minimum contribution base to pass to the check',
  ID_SOURCE_UNAVAILABLE:
    'the registry is the platform itself: it is never an outside source that is down',
};

/** Parameters that depend on the date the test runs. */
function datedParams(c: Cause): Record<string, unknown> {
  switch (c.code) {
    case 'SS_NOT_CONTINUOUS':
      return { missingMonths: [monthAt(-3)] };
    case 'SS_ARREARS':
    case 'SS_SUSPENDED':
      return { months: [monthAt(-2)] };
    case 'HF_ACCOUNT_SEALED':
    case 'HF_ACCOUNT_CLOSED':
      return { latestMonth: monthAt(0) };
    case 'HF_ARREARS':
      return { months: [monthAt(-2), monthAt(-1)] };
    case 'BIZ_ABNORMAL':
      return { abnormalSinceOn: `${monthAt(-3)}-15` };
    case 'BIZ_TOO_YOUNG':
      return { establishedOn: `${monthAt(-2)}-01` };
    case 'COURT_OPEN_ENFORCEMENT':
    case 'COURT_DISHONEST_LISTED':
      return { filedOn: `${monthAt(-2)}-10` };
    default:
      return {};
  }
}

describe('the data situations', () => {
  it('pass every check for a borrower whose records and statements agree', async () => {
    const result = await precheck('ok', MATCHING);
    expect(result.checks.map((c) => [c.check, c.outcome, c.problems])).toEqual([
      ['identity', 'pass', []],
      ['social_security', 'pass', []],
      ['business_status', 'pass', []],
      ['court_enforcement', 'pass', []],
      ['housing_fund', 'pass', []],
    ]);
    expect(result).toMatchObject({ outcome: 'pass', retryAfterSeconds: null });
    expect(result.checks.every((c) => c.asOf === today)).toBe(true);
  });

  it('read the stated employer however the borrower typed its code', async () => {
    const typed = ` ${EMPLOYER.paying.slice(0, 9).toLowerCase()} ${EMPLOYER.paying.slice(9)}`;
    const result = await precheck('ok', { ...MATCHING, statedEmployerUscc: typed });
    expect(result.checks.map((c) => [c.check, c.outcome, c.problems])).toContainEqual([
      'business_status',
      'pass',
      [],
    ]);
    expect(result.outcome).toBe('pass');
  });
});

describe('each check failing for each of its causes (pre-check)', () => {
  it.each(CAUSES)('$check: $code ($borrower) names $field and says to $action', async (c) => {
    const result = await precheck(c.borrower, c.stated);
    expect(result.outcome).toBe('fail');
    expect(result.retryAfterSeconds).toBeNull();
    const check = result.checks.find((r) => r.check === c.check);
    expect(check?.outcome).toBe('fail');
    // The cause is the check's only problem: each gets its own code.
    expect(check?.problems.map((p) => p.code)).toEqual([c.code]);
    expect(check?.asOf).toBe(c.asOf === 'today' ? today : null);
    const problem = check?.problems[0];
    if (!problem) throw new Error(`no ${c.code}`);
    expect(problem.field).toBe(c.field);
    expect(problem.fix.action).toBe(c.action);
    expect(problem.fix.retryAfterSeconds).toBeUndefined();
    if (problem.fix.action === 'upload_proof') {
      expect(problem.fix.proofKinds?.length).toBeGreaterThan(0);
    }
    if ('asOf' in problem.params) expect(problem.params.asOf).toBe(today);
    expect(problem.params).toMatchObject({ ...c.params, ...datedParams(c) });
    expectExplained(problem);
  });

  it('covers every code in the catalogue but those no request can produce today', () => {
    const covered = new Set([...CAUSES, ...OUTAGES].map((c) => c.code));
    expect([...covered, ...Object.keys(NOT_PRODUCIBLE)].sort()).toEqual(
      Object.keys(CHECK_PROBLEM_CODES).sort(),
    );
  });
});

describe('each cause in a submitted application', () => {
  it.each(CAUSES.map((c, index) => ({ ...c, index })))(
    '$check: $code is stored on the application and given as a reason',
    async (c) => {
      const response = await as(c.borrower, {
        method: 'POST',
        url: '/loans/applications',
        headers: { 'idempotency-key': `verification-${c.index}` },
        payload: {
          productId,
          amountFen: '5000000',
          termMonths: 12,
          repaymentMethod: 'equal_instalment',
          ...c.stated,
        },
      });
      expect(response.statusCode, response.body).toBe(201);
      const application = response.json<Application>();
      const check = application.checks.find((r) => r.check === c.check);
      expect(check?.outcome).toBe('fail');
      const problem = check?.problems.find((p) => p.code === c.code);
      expect(problem).toMatchObject({ field: c.field, fix: { action: c.action } });
      if (problem) expectExplained(problem);
      const [decision] = application.decisions;
      expect(decision?.reasons).toContain(c.code);
      // A failure other proof can settle goes to a person (so does the missing score: no
      // scorecard is active here); any other failure declines.
      const failing = application.checks
        .filter((r) => r.outcome === 'fail')
        .flatMap((r) => r.problems);
      const proofSettles = failing.every((p) => p.fix.action === 'upload_proof');
      expect(decision?.outcome).toBe(proofSettles ? 'review' : 'decline');
      expect(application.status).toBe(proofSettles ? 'decided' : 'declined');
      // Reading it back gives the same page: checks, decision, timeline.
      const read = await as(c.borrower, {
        method: 'GET',
        url: `/loans/applications/${application.id}`,
      });
      expect(read.json()).toEqual(response.json());
    },
  );
});

/** Each source outage, and the code of the check that reads the source. */
const OUTAGES = [
  { category: 'social_security', check: 'social_security', code: 'SS_SOURCE_UNAVAILABLE' },
  { category: 'business_registration', check: 'business_status', code: 'BIZ_SOURCE_UNAVAILABLE' },
  { category: 'judicial', check: 'court_enforcement', code: 'COURT_SOURCE_UNAVAILABLE' },
  { category: 'housing_fund', check: 'housing_fund', code: 'HF_SOURCE_UNAVAILABLE' },
] as const;

describe('an unavailable source', () => {
  const provider = (method: 'POST' | 'GET', url: string, payload?: Record<string, unknown>) =>
    t.app.inject({
      method,
      url,
      headers: { 'x-api-key': t.providerApiKey ?? '' },
      ...(payload ? { payload } : {}),
    });

  it.each(OUTAGES.map((o, index) => ({ ...o, index })))(
    '$category down: $check is unavailable ($code), waits for the source, never declines',
    async (o) => {
      const declared = await provider('POST', '/ingest/outages', {
        category: o.category,
        reason: 'interface maintenance',
      });
      expect(declared.statusCode, declared.body).toBe(201);
      try {
        const result = await precheck('ok', MATCHING);
        expect(result.outcome).toBe('pending');
        expect(result.retryAfterSeconds).toBeGreaterThan(0);
        const check = result.checks.find((r) => r.check === o.check);
        expect(check?.outcome).toBe('unavailable');
        const problem = check?.problems[0];
        expect(problem?.code).toBe(o.code);
        expect(problem?.fix.action).toBe('wait_for_source');
        if (problem) expectExplained(problem);
        const response = await as('ok', {
          method: 'POST',
          url: '/loans/applications',
          headers: { 'idempotency-key': `outage-${o.index}` },
          payload: {
            productId,
            amountFen: '5000000',
            termMonths: 12,
            repaymentMethod: 'equal_instalment',
            ...MATCHING,
          },
        });
        expect(response.statusCode, response.body).toBe(201);
        const application = response.json<Application & { retryVerificationAt: string | null }>();
        expect(application.status).toBe('verifying');
        expect(application.decisions[0]?.outcome).toBe('pending');
        expect(application.retryVerificationAt).not.toBeNull();
      } finally {
        const ended = await provider(
          'POST',
          `/ingest/outages/${declared.json<{ id: string }>().id}/end`,
        );
        expect(ended.statusCode, ended.body).toBe(200);
      }
    },
  );
});
