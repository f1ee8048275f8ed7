import { INDUSTRIES } from '../registry/registry.js';
import type { RecordCategory } from './categories.js';

/**
 * Canonical record schemas: one per category, versioned. A provider's records are mapped to
 * these field names (see provider mappings), validated and normalised against them, and
 * stored as versions keyed by the natural key.
 *
 * Units are fixed by type: money is integer fen (providers may declare 元 or 万元 and the
 * normaliser converts), dates are ISO 8601 `YYYY-MM-DD`, monthly periods `YYYY-MM`,
 * region codes GB/T 2260.
 */
export type FieldType =
  | { readonly kind: 'uscc' }
  | { readonly kind: 'resident_id' }
  /** A USCC or a resident ID: the record may concern an enterprise or a person. */
  | { readonly kind: 'subject_id' }
  | { readonly kind: 'text'; readonly maxLength: number }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  /** Integer fen. Negative only where `signed` (e.g. profit). */
  | { readonly kind: 'money'; readonly signed?: boolean }
  | { readonly kind: 'integer'; readonly min: number; readonly max: number }
  /** A decimal kept exactly as text with at most `scale` decimals, e.g. an area in m². */
  | { readonly kind: 'decimal'; readonly scale: number; readonly min: number }
  /** A calendar date, not in the future and not before 1949-10-01. */
  | { readonly kind: 'date' }
  /** A month `YYYY-MM`, not in the future. */
  | { readonly kind: 'period' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'region' };

export interface FieldDefinition {
  readonly name: string;
  readonly type: FieldType;
  readonly required: boolean;
  readonly label: { readonly 'zh-CN': string; readonly en: string };
}

export type SubjectKindRule = 'enterprise' | 'person' | 'either';

export interface CategorySchema {
  readonly category: RecordCategory;
  readonly version: number;
  /** The field naming whom the record is about, and what kind of subject that may be. */
  readonly subject: { readonly field: string; readonly kind: SubjectKindRule };
  /** Fields whose values identify one record across deliveries (with the provider). */
  readonly naturalKey: readonly string[];
  /** The field whose date or month the record describes, for timeliness; null if none. */
  readonly periodField: string | null;
  /**
   * A field naming the enterprise that employs the subject (a USCC): the record is filed
   * under the person, and linked to that enterprise too, whose profile it also feeds.
   */
  readonly employerField?: string;
  readonly fields: readonly FieldDefinition[];
}

const f = (
  name: string,
  type: FieldType,
  required: boolean,
  zh: string,
  en: string,
): FieldDefinition => ({ name, type, required, label: { 'zh-CN': zh, en } });

const USCC: FieldType = { kind: 'uscc' };
const PERSON: FieldType = { kind: 'resident_id' };
const SUBJECT: FieldType = { kind: 'subject_id' };
const MONEY: FieldType = { kind: 'money' };
const SIGNED_MONEY: FieldType = { kind: 'money', signed: true };
const DATE: FieldType = { kind: 'date' };
const PERIOD: FieldType = { kind: 'period' };
const BOOLEAN: FieldType = { kind: 'boolean' };
const count = (max = 10_000_000): FieldType => ({ kind: 'integer', min: 0, max });
const text = (maxLength: number): FieldType => ({ kind: 'text', maxLength });
const oneOf = (...values: string[]): FieldType => ({ kind: 'enum', values });

export const CATEGORY_SCHEMAS: Readonly<Record<RecordCategory, CategorySchema>> = {
  business_registration: {
    category: 'business_registration',
    version: 1,
    subject: { field: 'uscc', kind: 'enterprise' },
    naturalKey: ['uscc'],
    periodField: null,
    fields: [
      f('uscc', USCC, true, '统一社会信用代码', 'Unified social credit code'),
      f('name', text(200), true, '企业名称', 'Registered name'),
      f(
        'status',
        oneOf('active', 'abnormal', 'revoked', 'cancelled'),
        true,
        '登记状态',
        'Registration status',
      ),
      f('established_on', DATE, true, '成立日期', 'Date established'),
      f('registered_capital', MONEY, false, '注册资本', 'Registered capital'),
      f('industry', oneOf(...INDUSTRIES), true, '行业', 'Industry'),
      f('region', { kind: 'region' }, true, '登记地区划', 'Region of registration'),
      f('abnormal_since', DATE, false, '列入经营异常名录日期', 'Listed as abnormal since'),
    ],
  },
  tax: {
    category: 'tax',
    version: 1,
    subject: { field: 'uscc', kind: 'enterprise' },
    naturalKey: ['uscc', 'period'],
    periodField: 'period',
    fields: [
      f('uscc', USCC, true, '统一社会信用代码', 'Unified social credit code'),
      f('period', PERIOD, true, '所属期', 'Tax period'),
      f('taxable_revenue', MONEY, true, '应税收入', 'Taxable revenue'),
      f('tax_paid', MONEY, true, '实缴税额', 'Tax paid'),
      f('invoice_count', count(), false, '开票张数', 'Invoices issued'),
      f('invoice_amount', MONEY, false, '开票金额', 'Invoiced amount'),
      f('arrears', MONEY, false, '欠税金额', 'Tax arrears'),
      f(
        'credit_rating',
        oneOf('A', 'B', 'M', 'C', 'D'),
        false,
        '纳税信用等级',
        'Tax credit rating',
      ),
    ],
  },
  social_security: {
    category: 'social_security',
    version: 1,
    subject: { field: 'resident_id', kind: 'person' },
    naturalKey: ['resident_id', 'period', 'employer_uscc'],
    periodField: 'period',
    employerField: 'employer_uscc',
    fields: [
      f('resident_id', PERSON, true, '身份证号', 'Resident ID'),
      f('period', PERIOD, true, '缴费月份', 'Contribution month'),
      f('employer_uscc', USCC, true, '参保单位统一社会信用代码', 'Employer USCC'),
      f('contribution_base', MONEY, true, '缴费基数', 'Contribution base'),
      f('paid', MONEY, true, '实缴金额', 'Amount paid'),
      f('status', oneOf('paid', 'arrears', 'suspended'), true, '缴费状态', 'Payment status'),
      f('city', { kind: 'region' }, true, '参保地', 'City of insurance'),
    ],
  },
  housing_fund: {
    category: 'housing_fund',
    version: 1,
    subject: { field: 'resident_id', kind: 'person' },
    naturalKey: ['resident_id', 'period'],
    periodField: 'period',
    employerField: 'employer_uscc',
    fields: [
      f('resident_id', PERSON, true, '身份证号', 'Resident ID'),
      f('period', PERIOD, true, '缴存月份', 'Deposit month'),
      f('employer_uscc', USCC, true, '缴存单位统一社会信用代码', 'Employer USCC'),
      f('deposit_base', MONEY, true, '缴存基数', 'Deposit base'),
      f('paid', MONEY, true, '实缴金额', 'Amount paid'),
      f('account_status', oneOf('active', 'sealed', 'closed'), true, '账户状态', 'Account status'),
    ],
  },
  customs: {
    category: 'customs',
    version: 1,
    subject: { field: 'uscc', kind: 'enterprise' },
    naturalKey: ['uscc', 'period'],
    periodField: 'period',
    fields: [
      f('uscc', USCC, true, '统一社会信用代码', 'Unified social credit code'),
      f('period', PERIOD, true, '统计月份', 'Month'),
      f('import_value', MONEY, true, '进口额', 'Imports'),
      f('export_value', MONEY, true, '出口额', 'Exports'),
      f('declarations', count(), true, '报关单数', 'Customs declarations'),
      f(
        'credit_level',
        oneOf('advanced', 'general', 'dishonest'),
        false,
        '海关信用等级',
        'Customs credit level',
      ),
    ],
  },
  utilities: {
    category: 'utilities',
    version: 1,
    subject: { field: 'uscc', kind: 'enterprise' },
    naturalKey: ['uscc', 'period', 'utility'],
    periodField: 'period',
    fields: [
      f('uscc', USCC, true, '统一社会信用代码', 'Unified social credit code'),
      f('period', PERIOD, true, '账期', 'Billing month'),
      f('utility', oneOf('water', 'electricity', 'gas'), true, '类别', 'Utility'),
      f('amount', MONEY, true, '应缴金额', 'Amount billed'),
      f('paid_on_time', BOOLEAN, true, '按时缴费', 'Paid on time'),
      f('overdue_days', count(3650), false, '逾期天数', 'Days overdue'),
    ],
  },
  judicial: {
    category: 'judicial',
    version: 1,
    subject: { field: 'subject_id', kind: 'either' },
    naturalKey: ['case_number', 'subject_id'],
    periodField: 'filed_on',
    fields: [
      f('case_number', text(64), true, '案号', 'Case number'),
      f('subject_id', SUBJECT, true, '当事人证件号', 'Party identifier'),
      f(
        'role',
        oneOf('plaintiff', 'defendant', 'executed_person'),
        true,
        '诉讼地位',
        'Role in the case',
      ),
      f(
        'case_type',
        oneOf('civil', 'commercial', 'enforcement', 'dishonest_executed'),
        true,
        '案件类型',
        'Case type',
      ),
      f('filed_on', DATE, true, '立案日期', 'Filed on'),
      f('closed_on', DATE, false, '结案日期', 'Closed on'),
      f('amount', MONEY, false, '涉案金额', 'Amount at stake'),
      f('status', oneOf('open', 'closed', 'performed'), true, '案件状态', 'Case status'),
    ],
  },
  administrative: {
    category: 'administrative',
    version: 1,
    subject: { field: 'uscc', kind: 'enterprise' },
    naturalKey: ['decision_number'],
    periodField: 'decided_on',
    fields: [
      f('decision_number', text(64), true, '决定文书号', 'Decision number'),
      f('uscc', USCC, true, '统一社会信用代码', 'Unified social credit code'),
      f('kind', oneOf('penalty', 'commendation'), true, '类型', 'Penalty or commendation'),
      f('decided_on', DATE, true, '决定日期', 'Decided on'),
      f('authority', text(200), true, '决定机关', 'Deciding authority'),
      f('amount', MONEY, false, '罚没金额', 'Fine'),
      f('severity', oneOf('minor', 'general', 'serious'), false, '严重程度', 'Severity'),
    ],
  },
  credit_bureau: {
    category: 'credit_bureau',
    version: 1,
    subject: { field: 'subject_id', kind: 'either' },
    naturalKey: ['subject_id', 'period'],
    periodField: 'period',
    fields: [
      f('subject_id', SUBJECT, true, '证件号', 'Subject identifier'),
      f('period', PERIOD, true, '报告月份', 'Report month'),
      f('loans_outstanding', MONEY, true, '贷款余额', 'Loans outstanding'),
      f('overdue_amount', MONEY, true, '逾期金额', 'Amount overdue'),
      f('max_overdue_days', count(3650), true, '最长逾期天数', 'Longest overdue (days)'),
      f('inquiries_6m', count(1000), true, '近6个月查询次数', 'Inquiries in 6 months'),
      f('open_accounts', count(1000), true, '未结清账户数', 'Open accounts'),
    ],
  },
  property: {
    category: 'property',
    version: 1,
    subject: { field: 'subject_id', kind: 'either' },
    naturalKey: ['certificate_number'],
    periodField: 'registered_on',
    fields: [
      f('certificate_number', text(64), true, '不动产权证号', 'Title certificate number'),
      f('subject_id', SUBJECT, true, '权利人证件号', 'Owner identifier'),
      f(
        'property_type',
        oneOf('residential', 'commercial', 'industrial', 'land'),
        true,
        '不动产类型',
        'Property type',
      ),
      f('area_m2', { kind: 'decimal', scale: 2, min: 0 }, true, '面积（平方米）', 'Area (m²)'),
      f('assessed_value', MONEY, false, '评估价值', 'Assessed value'),
      f('mortgaged', BOOLEAN, true, '是否抵押', 'Mortgaged'),
      f('registered_on', DATE, true, '登记日期', 'Registered on'),
    ],
  },
  procurement: {
    category: 'procurement',
    version: 1,
    subject: { field: 'uscc', kind: 'enterprise' },
    naturalKey: ['contract_number'],
    periodField: 'awarded_on',
    fields: [
      f('contract_number', text(64), true, '合同编号', 'Contract number'),
      f('uscc', USCC, true, '中标单位统一社会信用代码', 'Supplier USCC'),
      f('awarded_on', DATE, true, '中标日期', 'Awarded on'),
      f('amount', MONEY, true, '合同金额', 'Contract amount'),
      f('buyer', text(200), true, '采购单位', 'Buyer'),
      f(
        'status',
        oneOf('awarded', 'performing', 'completed', 'terminated'),
        true,
        '履约状态',
        'Status',
      ),
    ],
  },
  self_reported: {
    category: 'self_reported',
    version: 1,
    subject: { field: 'uscc', kind: 'enterprise' },
    naturalKey: ['uscc', 'period'],
    periodField: 'period',
    fields: [
      f('uscc', USCC, true, '统一社会信用代码', 'Unified social credit code'),
      f('period', PERIOD, true, '报表月份', 'Statement month'),
      f('revenue', MONEY, true, '营业收入', 'Revenue'),
      f('net_profit', SIGNED_MONEY, true, '净利润', 'Net profit'),
      f('total_assets', MONEY, true, '资产总额', 'Total assets'),
      f('total_liabilities', MONEY, true, '负债总额', 'Total liabilities'),
      f('employees', count(1_000_000), true, '从业人数', 'Employees'),
    ],
  },
};

export function schemaOf(category: RecordCategory): CategorySchema {
  return CATEGORY_SCHEMAS[category];
}
