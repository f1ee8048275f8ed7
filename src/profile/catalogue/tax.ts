/**
 * Tax (税务): payments, revenue and invoices with their trends, arrears (the generator's
 * first signal of stress) and the tax credit rating.
 */
import { amount, text } from '../content.js';
import type { FeatureDefinition, LocalText } from '../features.js';
import {
  anyOf,
  computed,
  ENTERPRISE,
  feature,
  latestOf,
  levels,
  maxOf,
  monthlyChange,
  monthlyPeak,
  monthlyRunCount,
  monthlySlope,
  monthlyTotal,
  monthlyVariation,
  monthsSince,
  sumOf,
} from '../families/index.js';
import type { Entry, SubjectHistory } from '../history.js';

const TAX = { subjects: ENTERPRISE, categories: ['tax'] } as const;
const LEVEL_WINDOWS = [3, 6, 12, 24];
const TREND_WINDOWS = [3, 6, 12];

const inArrears = (entry: Entry) => (amount(entry.content, 'arrears') ?? 0) > 0;
const filed = () => true;

/** Worse ratings rank higher; M (newly established) sits between B and C. */
const RATING_RANK: Readonly<Record<string, number>> = { A: 0, B: 1, M: 2, C: 3, D: 4 };
const RATING_WORDS: Readonly<Record<string, LocalText>> = {
  A: { 'zh-CN': 'A 级', en: 'grade A' },
  B: { 'zh-CN': 'B 级', en: 'grade B' },
  M: { 'zh-CN': 'M 级（新设立）', en: 'grade M (newly established)' },
  C: { 'zh-CN': 'C 级', en: 'grade C' },
  D: { 'zh-CN': 'D 级', en: 'grade D' },
};
const rating = (entry: Entry) => text(entry.content, 'credit_rating');

/** Whether the latest rating is worse than the one a year before it; missing without both. */
function ratingDowngraded(history: SubjectHistory) {
  const rated = (entry: Entry) => rating(entry) !== null;
  const latest = history.latest('tax', rated);
  const before =
    latest && history.latest('tax', (entry) => rated(entry) && entry.month <= latest.month - 12);
  if (latest === undefined || before === undefined) return computed(null);
  const now = RATING_RANK[rating(latest) ?? ''];
  const then = RATING_RANK[rating(before) ?? ''];
  if (now === undefined || then === undefined) return computed(null);
  return computed(now > then ? 1 : 0, [before, latest]);
}

function taxBurden(history: SubjectHistory) {
  const entries = history.lastMonths('tax', 12);
  let paid = 0;
  let revenue = 0;
  for (const entry of entries) {
    paid += amount(entry.content, 'tax_paid') ?? 0;
    revenue += amount(entry.content, 'taxable_revenue') ?? 0;
  }
  return computed(revenue > 0 ? paid / revenue : null, entries);
}

const arrearsMonths = anyOf(inArrears, 'arrears');

export const TAX_FEATURES: readonly FeatureDefinition[] = [
  ...monthlyTotal(LEVEL_WINDOWS, {
    ...TAX,
    name: 'tax_paid_{window}m',
    unit: 'fen',
    label: { 'zh-CN': '近{window}个月实缴税额', en: 'Tax paid in the last {window} months' },
    reason: {
      'zh-CN': '近{window}个月实缴税额偏低：{value}',
      en: 'Little tax paid in the last {window} months: {value}',
    },
    measure: sumOf('tax_paid'),
  }),
  ...monthlyChange(TREND_WINDOWS, {
    ...TAX,
    name: 'tax_paid_change_{window}m',
    unit: 'ratio',
    label: {
      'zh-CN': '月均实缴税额变化（近{window}个月对比前{window}个月）',
      en: 'Change in monthly tax paid, last {window} months against the {window} before',
    },
    reason: {
      'zh-CN': '实缴税额下降：近{window}个月较前{window}个月变化 {value}',
      en: 'Falling tax payments: {value} in the last {window} months against the {window} before',
    },
    measure: sumOf('tax_paid'),
  }),
  ...monthlyTotal(LEVEL_WINDOWS, {
    ...TAX,
    name: 'taxable_revenue_{window}m',
    unit: 'fen',
    label: { 'zh-CN': '近{window}个月应税收入', en: 'Taxable revenue in the last {window} months' },
    reason: {
      'zh-CN': '近{window}个月应税收入偏低：{value}',
      en: 'Low taxable revenue in the last {window} months: {value}',
    },
    measure: sumOf('taxable_revenue'),
  }),
  ...monthlyChange(TREND_WINDOWS, {
    ...TAX,
    name: 'taxable_revenue_change_{window}m',
    unit: 'ratio',
    label: {
      'zh-CN': '月均应税收入变化（近{window}个月对比前{window}个月）',
      en: 'Change in monthly taxable revenue, last {window} months against the {window} before',
    },
    reason: {
      'zh-CN': '应税收入下滑：近{window}个月较前{window}个月变化 {value}',
      en: 'Falling revenue: {value} in the last {window} months against the {window} before',
    },
    measure: sumOf('taxable_revenue'),
  }),
  ...monthlyVariation([12, 24], {
    ...TAX,
    name: 'taxable_revenue_volatility_{window}m',
    unit: 'ratio',
    label: {
      'zh-CN': '近{window}个月应税收入波动（变异系数）',
      en: 'Volatility of monthly taxable revenue over the last {window} months (coefficient of variation)',
    },
    reason: {
      'zh-CN': '近{window}个月收入波动较大：变异系数 {value}',
      en: 'Unsteady revenue over the last {window} months: coefficient of variation {value}',
    },
    measure: sumOf('taxable_revenue'),
  }),
  ...monthlySlope([12, 24], {
    ...TAX,
    name: 'taxable_revenue_trend_{window}m',
    unit: 'ratio',
    label: {
      'zh-CN': '近{window}个月应税收入月均变化率',
      en: 'Monthly trend of taxable revenue over the last {window} months',
    },
    reason: {
      'zh-CN': '近{window}个月应税收入持续下降：每月 {value}',
      en: 'Revenue declining over the last {window} months: {value} a month',
    },
    measure: sumOf('taxable_revenue'),
  }),
  ...monthlyTotal([3, 12], {
    ...TAX,
    name: 'invoice_amount_{window}m',
    unit: 'fen',
    label: { 'zh-CN': '近{window}个月开票金额', en: 'Invoiced amount in the last {window} months' },
    reason: {
      'zh-CN': '近{window}个月开票金额偏低：{value}',
      en: 'Little invoiced in the last {window} months: {value}',
    },
    measure: sumOf('invoice_amount'),
  }),
  ...monthlyChange([3, 12], {
    ...TAX,
    name: 'invoice_amount_change_{window}m',
    unit: 'ratio',
    label: {
      'zh-CN': '月均开票金额变化（近{window}个月对比前{window}个月）',
      en: 'Change in monthly invoiced amount, last {window} months against the {window} before',
    },
    reason: {
      'zh-CN': '开票金额下降：近{window}个月较前{window}个月变化 {value}',
      en: 'Falling invoicing: {value} in the last {window} months against the {window} before',
    },
    measure: sumOf('invoice_amount'),
  }),
  ...monthlyTotal([12], {
    ...TAX,
    name: 'invoice_count_{window}m',
    unit: 'count',
    label: { 'zh-CN': '近{window}个月开票张数', en: 'Invoices issued in the last {window} months' },
    reason: {
      'zh-CN': '近{window}个月开票张数偏少：{value} 张',
      en: 'Few invoices issued in the last {window} months: {value}',
    },
    measure: sumOf('invoice_count'),
  }),
  feature(
    {
      ...TAX,
      name: 'tax_burden_12m',
      unit: 'ratio',
      label: {
        'zh-CN': '近12个月实缴税额占应税收入比例',
        en: 'Tax paid as a share of taxable revenue over the last 12 months',
      },
      reason: {
        'zh-CN': '实缴税额占收入比例偏低：{value}',
        en: 'Tax paid is a low share of revenue: {value}',
      },
    },
    taxBurden,
  ),
  ...monthlyTotal([6, 12, 24], {
    ...TAX,
    name: 'tax_arrears_months_{window}m',
    unit: 'months',
    label: {
      'zh-CN': '近{window}个月欠税月数',
      en: 'Months in tax arrears in the last {window} months',
    },
    reason: {
      'zh-CN': '近{window}个月有 {value} 个月存在欠税',
      en: 'In tax arrears in {value} of the last {window} months',
    },
    measure: arrearsMonths,
  }),
  latestOf(
    {
      ...TAX,
      name: 'tax_arrears_latest',
      unit: 'fen',
      label: { 'zh-CN': '当前欠税金额', en: 'Tax arrears now' },
      reason: { 'zh-CN': '当前存在欠税：{value}', en: 'Unpaid tax outstanding: {value}' },
    },
    (entry) => amount(entry.content, 'arrears'),
  ),
  ...monthlyPeak([24], {
    ...TAX,
    name: 'tax_arrears_peak_{window}m',
    unit: 'fen',
    label: {
      'zh-CN': '近{window}个月最高欠税金额',
      en: 'Highest tax arrears in the last {window} months',
    },
    reason: {
      'zh-CN': '近{window}个月欠税金额最高达 {value}',
      en: 'Tax arrears reached {value} in the last {window} months',
    },
    measure: maxOf('arrears'),
  }),
  monthsSince(
    {
      ...TAX,
      name: 'months_since_tax_arrears',
      unit: 'months',
      label: {
        'zh-CN': '距最近一次欠税月数（最多24）',
        en: 'Months since the last tax arrears (at most 24)',
      },
      reason: {
        'zh-CN': '近期存在欠税：距今仅 {value} 个月',
        en: 'Recent tax arrears: only {value} months ago',
      },
      measure: arrearsMonths,
    },
    24,
  ),
  ...monthlyRunCount(
    [24],
    {
      ...TAX,
      name: 'tax_arrears_spells_{window}m',
      unit: 'count',
      label: {
        'zh-CN': '近{window}个月欠税次数',
        en: 'Spells of tax arrears in the last {window} months',
      },
      reason: {
        'zh-CN': '近{window}个月多次欠税：{value} 次',
        en: 'Repeated tax arrears: {value} times in the last {window} months',
      },
      measure: arrearsMonths,
    },
    (value) => value > 0,
  ),
  latestOf(
    {
      ...TAX,
      name: 'tax_credit_rating',
      unit: 'category',
      label: { 'zh-CN': '纳税信用等级', en: 'Tax credit rating' },
      reason: { 'zh-CN': '纳税信用等级较低：{value}', en: 'Low tax credit rating: {value}' },
      describe: levels(RATING_WORDS),
    },
    rating,
  ),
  feature(
    {
      ...TAX,
      name: 'tax_credit_rating_downgraded',
      unit: 'flag',
      label: {
        'zh-CN': '纳税信用等级较一年前下调',
        en: 'Tax credit rating lower than a year before',
      },
      reason: {
        'zh-CN': '纳税信用等级较一年前下调',
        en: 'The tax credit rating was lowered within the year',
      },
    },
    ratingDowngraded,
  ),
  ...monthlyTotal([12], {
    ...TAX,
    name: 'tax_filing_months_{window}m',
    unit: 'months',
    label: {
      'zh-CN': '近{window}个月申报月数',
      en: 'Months with a tax return in the last {window} months',
    },
    reason: {
      'zh-CN': '近{window}个月仅 {value} 个月有纳税申报',
      en: 'Tax returns in only {value} of the last {window} months',
    },
    measure: anyOf(filed),
  }),
  monthsSince(
    {
      ...TAX,
      name: 'months_since_tax_filing',
      unit: 'months',
      label: {
        'zh-CN': '距最近一次纳税申报月数（最多24）',
        en: 'Months since the last tax return (at most 24)',
      },
      reason: {
        'zh-CN': '已 {value} 个月未进行纳税申报',
        en: 'No tax return for {value} months',
      },
      measure: anyOf(filed),
    },
    24,
  ),
];
