/**
 * Credit bureau summary (征信): overdue spells and their depth, inquiries (credit hunger) and
 * indebtedness, from monthly reports.
 */
import { amount } from '../content.js';
import type { FeatureDefinition } from '../features.js';
import {
  anyOf,
  BOTH,
  computed,
  feature,
  latestOf,
  maxOf,
  monthlyAverage,
  monthlyChange,
  monthlyPeak,
  monthlyRunCount,
  monthlyTotal,
  monthsSince,
  perWindow,
  valueOf,
} from '../families/index.js';
import type { Entry, SubjectHistory } from '../history.js';

const CB = 'credit_bureau';
const CREDIT = { subjects: BOTH, categories: [CB] } as const;
const daysOverdue = (entry: Entry) => amount(entry.content, 'max_overdue_days') ?? 0;
const overdue = (entry: Entry) => daysOverdue(entry) > 0;
const overdueMonths = anyOf(overdue);
/** Reports count inquiries of the six months before them. */
const INQUIRY_SPAN = 6;

/** Inquiries over n months: the 6-month counts of the reports n/6, … 6 months apart. */
function inquiries(history: SubjectHistory, n: number) {
  const used: Entry[] = [];
  let total = 0;
  for (let k = n / INQUIRY_SPAN - 1; k >= 0; k--) {
    const month = history.asOfMonth - 1 - k * INQUIRY_SPAN;
    const report = history.months(CB, month, month).at(-1);
    const count = report === undefined ? null : amount(report.content, 'inquiries_6m');
    if (report === undefined || count === null) continue;
    total += count;
    used.push(report);
  }
  return computed(used.length > 0 ? total : null, used);
}

function openAccountsChange(history: SubjectHistory) {
  const accounts = (entry: Entry) => amount(entry.content, 'open_accounts');
  const latest = history.latest(CB, (entry) => accounts(entry) !== null);
  const before =
    latest && history.latest(CB, (e) => accounts(e) !== null && e.month <= latest.month - 12);
  if (latest === undefined || before === undefined) return computed(null);
  return computed((accounts(latest) ?? 0) - (accounts(before) ?? 0), [before, latest]);
}

function overdueShare(entry: Entry): number | null {
  const loans = amount(entry.content, 'loans_outstanding');
  const owed = amount(entry.content, 'overdue_amount');
  if (loans === null || owed === null) return null;
  return loans > 0 ? Math.min(1, owed / loans) : owed > 0 ? 1 : 0;
}

export const CREDIT_BUREAU_FEATURES: readonly FeatureDefinition[] = [
  ...monthlyTotal([3, 6, 12, 24], {
    ...CREDIT,
    name: 'credit_overdue_months_{window}m',
    unit: 'months',
    label: {
      'zh-CN': '近{window}个月征信逾期月数',
      en: 'Months with overdue loans in the last {window} months',
    },
    reason: {
      'zh-CN': '近{window}个月有 {value} 个月贷款逾期',
      en: 'Loans overdue in {value} of the last {window} months',
    },
    measure: overdueMonths,
  }),
  ...monthlyPeak([3, 6, 12, 24], {
    ...CREDIT,
    name: 'credit_max_overdue_days_{window}m',
    unit: 'days',
    label: {
      'zh-CN': '近{window}个月最长逾期天数',
      en: 'Longest overdue in the last {window} months (days)',
    },
    reason: {
      'zh-CN': '近{window}个月贷款最长逾期 {value} 天',
      en: 'A loan was {value} days overdue in the last {window} months',
    },
    measure: maxOf('max_overdue_days'),
  }),
  ...monthlyTotal([6, 12], {
    ...CREDIT,
    name: 'credit_overdue_30d_months_{window}m',
    unit: 'months',
    label: {
      'zh-CN': '近{window}个月逾期30天以上的月数',
      en: 'Months with a loan 30 or more days overdue in the last {window} months',
    },
    reason: {
      'zh-CN': '近{window}个月有 {value} 个月贷款逾期超过30天',
      en: 'Loans 30 or more days overdue in {value} of the last {window} months',
    },
    measure: anyOf((entry) => daysOverdue(entry) >= 30),
  }),
  ...monthlyRunCount(
    [24],
    {
      ...CREDIT,
      name: 'credit_overdue_spells_{window}m',
      unit: 'count',
      label: {
        'zh-CN': '近{window}个月逾期次数',
        en: 'Overdue spells in the last {window} months',
      },
      reason: {
        'zh-CN': '近{window}个月多次贷款逾期：{value} 次',
        en: 'Loans fell overdue {value} times in the last {window} months',
      },
      measure: overdueMonths,
    },
    (value) => value > 0,
  ),
  monthsSince(
    {
      ...CREDIT,
      name: 'months_since_credit_overdue',
      unit: 'months',
      label: {
        'zh-CN': '距最近一次贷款逾期月数（最多24）',
        en: 'Months since a loan was last overdue (at most 24)',
      },
      reason: {
        'zh-CN': '近期贷款逾期：距今仅 {value} 个月',
        en: 'A loan was overdue only {value} months ago',
      },
      measure: overdueMonths,
    },
    24,
  ),
  latestOf(
    {
      ...CREDIT,
      name: 'credit_currently_overdue',
      unit: 'flag',
      label: { 'zh-CN': '当前存在逾期', en: 'Overdue in the latest report' },
      reason: { 'zh-CN': '当前有贷款逾期未还', en: 'A loan is overdue now' },
    },
    (entry) => (overdue(entry) || (amount(entry.content, 'overdue_amount') ?? 0) > 0 ? 1 : 0),
  ),
  ...perWindow(
    [6, 12, 24],
    {
      ...CREDIT,
      name: 'credit_inquiries_{window}m',
      unit: 'count',
      label: {
        'zh-CN': '近{window}个月征信查询次数',
        en: 'Credit inquiries in the last {window} months',
      },
      reason: {
        'zh-CN': '近{window}个月征信查询次数较多：{value} 次',
        en: 'Many credit inquiries in the last {window} months: {value}',
      },
    },
    inquiries,
  ),
  ...monthlyAverage([12, 24], {
    ...CREDIT,
    name: 'credit_inquiries_avg_{window}m',
    unit: 'count',
    label: {
      'zh-CN': '近{window}个月各期报告近6个月查询次数的平均值',
      en: 'Average 6-month inquiry count of the reports of the last {window} months',
    },
    reason: {
      'zh-CN': '征信查询长期偏多：近{window}个月平均每期 {value} 次',
      en: 'Persistently many credit inquiries: {value} per report on average over {window} months',
    },
    measure: valueOf((entry) => amount(entry.content, 'inquiries_6m'), 'inquiries_6m'),
  }),
  latestOf(
    {
      ...CREDIT,
      name: 'credit_loans_outstanding',
      unit: 'fen',
      label: { 'zh-CN': '贷款余额', en: 'Loans outstanding' },
      reason: { 'zh-CN': '贷款余额较高：{value}', en: 'High loans outstanding: {value}' },
    },
    (entry) => amount(entry.content, 'loans_outstanding'),
  ),
  ...monthlyChange([12], {
    ...CREDIT,
    name: 'credit_loans_change_{window}m',
    unit: 'ratio',
    label: {
      'zh-CN': '贷款余额变化（近{window}个月对比前{window}个月）',
      en: 'Change in loans outstanding, last {window} months against the {window} before',
    },
    reason: {
      'zh-CN': '贷款余额增长较快：{value}',
      en: 'Borrowing rising fast: {value}',
    },
    measure: valueOf((entry) => amount(entry.content, 'loans_outstanding')),
  }),
  latestOf(
    {
      ...CREDIT,
      name: 'credit_overdue_amount',
      unit: 'fen',
      label: { 'zh-CN': '当前逾期金额', en: 'Amount overdue now' },
      reason: { 'zh-CN': '当前逾期金额：{value}', en: 'Amount overdue now: {value}' },
    },
    (entry) => amount(entry.content, 'overdue_amount'),
  ),
  latestOf(
    {
      ...CREDIT,
      name: 'credit_overdue_share',
      unit: 'ratio',
      label: { 'zh-CN': '逾期金额占贷款余额比例', en: 'Overdue share of loans outstanding' },
      reason: {
        'zh-CN': '逾期金额占贷款余额比例较高：{value}',
        en: 'A large share of loans is overdue: {value}',
      },
    },
    overdueShare,
  ),
  latestOf(
    {
      ...CREDIT,
      name: 'credit_open_accounts',
      unit: 'count',
      label: { 'zh-CN': '未结清贷款账户数', en: 'Open loan accounts' },
      reason: { 'zh-CN': '未结清贷款账户较多：{value} 个', en: 'Many open loan accounts: {value}' },
    },
    (entry) => amount(entry.content, 'open_accounts'),
  ),
  feature(
    {
      ...CREDIT,
      name: 'credit_open_accounts_change_12m',
      unit: 'count',
      label: {
        'zh-CN': '未结清账户数较一年前的变化',
        en: 'Change in open loan accounts over a year',
      },
      reason: {
        'zh-CN': '一年内新增未结清贷款账户 {value} 个',
        en: '{value} more open loan accounts than a year before',
      },
    },
    openAccountsChange,
  ),
];
