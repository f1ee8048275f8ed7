/**
 * The twelve demo providers and how each delivers its file: format, encoding, its own column
 * names, money unit, date and period style, and its words for our enum values. Each is
 * modelled on how such a department typically exports data (pinyin-abbreviated XML tags from
 * 市场监管, JSON Lines from 税务, a GBK CSV from 公积金, 万元 at 海关 and 不动产 …).
 */
import type { RecordCategory } from '../../ingest/categories.js';

export type FileFormat = 'csv' | 'jsonl' | 'json' | 'xml';
export type TextEncoding = 'utf-8' | 'gb18030';
export type MoneyUnit = 'fen' | 'yuan' | 'wan_yuan';
/** `iso` 2024-03-05, `slash` 2024/3/5, `chinese` 2024年3月5日, `compact` 20240305, `timestamp` 2024-03-05 14:03:27. */
export type DateStyle = 'iso' | 'slash' | 'chinese' | 'compact' | 'timestamp';
/** `iso` 2024-03, `compact` 202403, `chinese` 2024年3月, `slash` 2024/03. */
export type PeriodStyle = 'iso' | 'compact' | 'chinese' | 'slash';

export interface ProviderSpec {
  readonly category: RecordCategory;
  readonly file: string;
  readonly provider: { readonly code: string; readonly name: string };
  readonly format: FileFormat;
  readonly encoding: TextEncoding;
  /** XML only: the document element and the element holding one record. */
  readonly xml?: { readonly root: string; readonly record: string };
  /** Their column (key, element) → our field, in the order they write them. */
  readonly columns: readonly (readonly [string, string])[];
  readonly moneyUnit: MoneyUnit;
  /**
   * Per canonical field, their words → our value (booleans: `true` / `false`). The first word
   * given for a value is the one they mostly write; the others appear now and then.
   */
  readonly valueMaps: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly dates: { readonly style: DateStyle; readonly alternate?: DateStyle };
  readonly periods: PeriodStyle;
  /** JSON formats: money and counts as JSON numbers rather than strings. */
  readonly jsonNumbers?: boolean;
  /** Money with thousands separators (`1,234.00`, quoted in CSV) in this share of cells. */
  readonly groupedMoney?: number;
  /** Money written with its own unit (`12.5万元`) in this share of cells. */
  readonly moneyWithUnit?: number;
  readonly lineEnding?: '\n' | '\r\n';
  /** A UTF-8 byte-order mark, as Excel writes it. */
  readonly bom?: boolean;
  /** Share of values written with full-width digits or stray whitespace (valid once normalised). */
  readonly noise: number;
  /** The name of the column a bad record adds (`unknown_field`). */
  readonly strayColumn: string;
}

export const PROVIDERS: readonly ProviderSpec[] = [
  {
    category: 'business_registration',
    file: 'business_registration.market-regulator.xml',
    provider: { code: 'market-regulator', name: '示范市市场监督管理局' },
    format: 'xml',
    encoding: 'utf-8',
    xml: { root: 'QYDJXX_LIST', record: 'QYDJXX' },
    columns: [
      ['TYSHXYDM', 'uscc'],
      ['QYMC', 'name'],
      ['DJZT', 'status'],
      ['CLRQ', 'established_on'],
      ['ZCZB', 'registered_capital'],
      ['HYML', 'industry'],
      ['DJJGXZQH', 'region'],
      ['LRJYYCRQ', 'abnormal_since'],
    ],
    moneyUnit: 'wan_yuan',
    valueMaps: {
      status: {
        存续: 'active',
        在业: 'active',
        经营异常: 'abnormal',
        吊销: 'revoked',
        注销: 'cancelled',
      },
      industry: {
        制造业: 'manufacturing',
        租赁和商务服务业: 'services',
        '居民服务、修理和其他服务业': 'services',
        '信息传输、软件和信息技术服务业': 'technology',
        批发和零售业: 'trade',
        住宿和餐饮业: 'catering',
        建筑业: 'construction',
        '农、林、牧、渔业': 'agriculture',
        '交通运输、仓储和邮政业': 'logistics',
        其他行业: 'other',
      },
    },
    dates: { style: 'iso', alternate: 'chinese' },
    periods: 'iso',
    noise: 0.004,
    strayColumn: 'JYFW',
  },
  {
    category: 'tax',
    file: 'tax.tax-bureau.jsonl',
    provider: { code: 'tax-bureau', name: '示范市税务局' },
    format: 'jsonl',
    encoding: 'utf-8',
    columns: [
      ['nsrsbh', 'uscc'],
      ['sssq', 'period'],
      ['ysrsr', 'taxable_revenue'],
      ['sjse', 'tax_paid'],
      ['kpzs', 'invoice_count'],
      ['kpje', 'invoice_amount'],
      ['qsje', 'arrears'],
      ['nsxydj', 'credit_rating'],
    ],
    moneyUnit: 'yuan',
    valueMaps: { credit_rating: { A级: 'A', B级: 'B', M级: 'M', C级: 'C', D级: 'D' } },
    dates: { style: 'iso' },
    periods: 'compact',
    jsonNumbers: true,
    noise: 0.003,
    strayColumn: 'zgswjg',
  },
  {
    category: 'social_security',
    file: 'social_security.social-insurance.csv',
    provider: { code: 'social-insurance', name: '示范市人力资源和社会保障局' },
    format: 'csv',
    encoding: 'utf-8',
    columns: [
      ['公民身份号码', 'resident_id'],
      ['缴费年月', 'period'],
      ['单位统一社会信用代码', 'employer_uscc'],
      ['缴费基数(元)', 'contribution_base'],
      ['实缴金额(元)', 'paid'],
      ['缴费状态', 'status'],
      ['参保地', 'city'],
    ],
    moneyUnit: 'yuan',
    valueMaps: {
      status: { 正常缴费: 'paid', 已缴: 'paid', 欠费: 'arrears', 暂停缴费: 'suspended' },
    },
    dates: { style: 'iso' },
    periods: 'iso',
    bom: true,
    noise: 0.004,
    strayColumn: '备注',
  },
  {
    category: 'housing_fund',
    file: 'housing_fund.housing-fund.csv',
    provider: { code: 'housing-fund', name: '示范市住房公积金管理中心' },
    format: 'csv',
    encoding: 'gb18030',
    columns: [
      ['证件号码', 'resident_id'],
      ['缴存年月', 'period'],
      ['单位统一社会信用代码', 'employer_uscc'],
      ['缴存基数', 'deposit_base'],
      ['月缴存额', 'paid'],
      ['账户状态', 'account_status'],
    ],
    moneyUnit: 'yuan',
    valueMaps: {
      account_status: { 正常: 'active', 缴存: 'active', 封存: 'sealed', 销户: 'closed' },
    },
    dates: { style: 'iso' },
    periods: 'chinese',
    noise: 0.015,
    strayColumn: '备注',
  },
  {
    category: 'customs',
    file: 'customs.customs.csv',
    provider: { code: 'customs', name: '示范海关' },
    format: 'csv',
    encoding: 'utf-8',
    columns: [
      ['企业统一社会信用代码', 'uscc'],
      ['统计年月', 'period'],
      ['进口额（万元）', 'import_value'],
      ['出口额（万元）', 'export_value'],
      ['报关单数', 'declarations'],
      ['海关信用等级', 'credit_level'],
    ],
    moneyUnit: 'wan_yuan',
    valueMaps: {
      credit_level: { 高级认证企业: 'advanced', 一般信用企业: 'general', 失信企业: 'dishonest' },
    },
    dates: { style: 'iso' },
    periods: 'slash',
    lineEnding: '\r\n',
    noise: 0.004,
    strayColumn: '主管海关',
  },
  {
    category: 'utilities',
    file: 'utilities.utilities.csv',
    provider: { code: 'utilities', name: '示范市公用事业缴费平台（水电气）' },
    format: 'csv',
    encoding: 'utf-8',
    columns: [
      ['credit_code', 'uscc'],
      ['bill_month', 'period'],
      ['service', 'utility'],
      ['amount_due', 'amount'],
      ['on_time', 'paid_on_time'],
      ['days_late', 'overdue_days'],
    ],
    moneyUnit: 'yuan',
    valueMaps: {
      utility: { 水: 'water', 电: 'electricity', 燃气: 'gas' },
      paid_on_time: { Y: 'true', N: 'false' },
    },
    dates: { style: 'iso' },
    periods: 'iso',
    noise: 0.003,
    strayColumn: 'meter_no',
  },
  {
    category: 'judicial',
    file: 'judicial.court.json',
    provider: { code: 'court', name: '示范市中级人民法院' },
    format: 'json',
    encoding: 'utf-8',
    columns: [
      ['ah', 'case_number'],
      ['dsrzjhm', 'subject_id'],
      ['ssdw', 'role'],
      ['ajlx', 'case_type'],
      ['larq', 'filed_on'],
      ['jarq', 'closed_on'],
      ['bdje', 'amount'],
      ['ajzt', 'status'],
    ],
    moneyUnit: 'yuan',
    valueMaps: {
      role: {
        被告: 'defendant',
        原告: 'plaintiff',
        申请执行人: 'plaintiff',
        被执行人: 'executed_person',
      },
      case_type: {
        民事: 'civil',
        商事: 'commercial',
        执行: 'enforcement',
        失信被执行: 'dishonest_executed',
      },
      status: { 审理中: 'open', 执行中: 'open', 已结案: 'closed', 执行完毕: 'performed' },
    },
    dates: { style: 'chinese', alternate: 'iso' },
    periods: 'iso',
    moneyWithUnit: 0.15,
    noise: 0.004,
    strayColumn: 'cpwsbh',
  },
  {
    category: 'administrative',
    file: 'administrative.law-enforcement.csv',
    provider: { code: 'law-enforcement', name: '示范市综合行政执法局' },
    format: 'csv',
    encoding: 'utf-8',
    columns: [
      ['决定书文号', 'decision_number'],
      ['统一社会信用代码', 'uscc'],
      ['类别', 'kind'],
      ['决定日期', 'decided_on'],
      ['决定机关', 'authority'],
      ['罚没金额（元）', 'amount'],
      ['严重程度', 'severity'],
    ],
    moneyUnit: 'yuan',
    valueMaps: {
      kind: { 行政处罚: 'penalty', 表彰: 'commendation', 守信激励: 'commendation' },
      severity: { 一般: 'general', 轻微: 'minor', 严重: 'serious' },
    },
    dates: { style: 'compact' },
    periods: 'iso',
    groupedMoney: 0.5,
    noise: 0.004,
    strayColumn: '处罚依据',
  },
  {
    category: 'credit_bureau',
    file: 'credit_bureau.credit-bureau.jsonl',
    provider: { code: 'credit-bureau', name: '示范征信服务中心' },
    format: 'jsonl',
    encoding: 'utf-8',
    columns: [
      ['idNo', 'subject_id'],
      ['reportMonth', 'period'],
      ['loanBalance', 'loans_outstanding'],
      ['overdueAmount', 'overdue_amount'],
      ['maxOverdueDays', 'max_overdue_days'],
      ['queryCount6m', 'inquiries_6m'],
      ['openAccounts', 'open_accounts'],
    ],
    moneyUnit: 'fen',
    valueMaps: {},
    dates: { style: 'iso' },
    periods: 'iso',
    jsonNumbers: true,
    noise: 0.003,
    strayColumn: 'reportNo',
  },
  {
    category: 'property',
    file: 'property.real-estate-registry.csv',
    provider: { code: 'real-estate-registry', name: '示范市不动产登记中心' },
    format: 'csv',
    encoding: 'utf-8',
    columns: [
      ['不动产权证号', 'certificate_number'],
      ['权利人证件号码', 'subject_id'],
      ['不动产类型', 'property_type'],
      ['面积（㎡）', 'area_m2'],
      ['评估价值（万元）', 'assessed_value'],
      ['是否抵押', 'mortgaged'],
      ['登记日期', 'registered_on'],
    ],
    moneyUnit: 'wan_yuan',
    valueMaps: {
      property_type: {
        住宅: 'residential',
        商业服务: 'commercial',
        商业: 'commercial',
        工业: 'industrial',
        国有建设用地使用权: 'land',
      },
      mortgaged: { 是: 'true', 否: 'false' },
    },
    dates: { style: 'slash' },
    periods: 'iso',
    noise: 0.006,
    strayColumn: '坐落',
  },
  {
    category: 'procurement',
    file: 'procurement.public-resources.xml',
    provider: { code: 'public-resources', name: '示范市公共资源交易中心' },
    format: 'xml',
    encoding: 'utf-8',
    xml: { root: '政府采购合同列表', record: '合同' },
    columns: [
      ['合同编号', 'contract_number'],
      ['供应商统一社会信用代码', 'uscc'],
      ['中标日期', 'awarded_on'],
      ['合同金额', 'amount'],
      ['采购人', 'buyer'],
      ['履约状态', 'status'],
    ],
    moneyUnit: 'yuan',
    valueMaps: {
      status: {
        已中标: 'awarded',
        履约中: 'performing',
        已验收: 'completed',
        已终止: 'terminated',
      },
    },
    dates: { style: 'timestamp', alternate: 'compact' },
    periods: 'iso',
    noise: 0.004,
    strayColumn: '项目名称',
  },
  {
    category: 'self_reported',
    file: 'self_reported.self-reported.json',
    provider: { code: 'self-reported', name: '企业自主填报（信易平台）' },
    format: 'json',
    encoding: 'utf-8',
    columns: [
      ['统一社会信用代码', 'uscc'],
      ['报表期间', 'period'],
      ['营业收入', 'revenue'],
      ['净利润', 'net_profit'],
      ['资产总额', 'total_assets'],
      ['负债总额', 'total_liabilities'],
      ['从业人数', 'employees'],
    ],
    moneyUnit: 'yuan',
    valueMaps: {},
    dates: { style: 'iso' },
    periods: 'chinese',
    noise: 0.008,
    strayColumn: '填报人',
  },
];
