/**
 * Self-reported finance (企业自报): leverage, margins, losses and size, and how the revenue
 * an enterprise reports compares with what it declares for tax.
 */
import { amount } from '../content.js';
import type { FeatureDefinition } from '../features.js';
import {
  anyOf,
  computed,
  ENTERPRISE,
  feature,
  latestOf,
  monthlyChange,
  monthlyTotal,
  perWindow,
  sumOf,
  valueOf,
} from '../families/index.js';
import type { Entry, SubjectHistory } from '../history.js';

const SR = 'self_reported';
const SELF = { subjects: ENTERPRISE, categories: [SR] } as const;

function debtRatio(entry: Entry): number | null {
  const assets = amount(entry.content, 'total_assets');
  const liabilities = amount(entry.content, 'total_liabilities');
  return assets === null || liabilities === null || assets <= 0 ? null : liabilities / assets;
}

function debtRatioChange(history: SubjectHistory) {
  const latest = history.latest(SR, (entry) => debtRatio(entry) !== null);
  const before =
    latest && history.latest(SR, (e) => debtRatio(e) !== null && e.month <= latest.month - 12);
  if (latest === undefined || before === undefined) return computed(null);
  return computed((debtRatio(latest) ?? 0) - (debtRatio(before) ?? 0), [before, latest]);
}

function netMargin(history: SubjectHistory, n: number) {
  const entries = history.lastMonths(SR, n);
  let profit = 0;
  let revenue = 0;
  for (const entry of entries) {
    profit += amount(entry.content, 'net_profit') ?? 0;
    revenue += amount(entry.content, 'revenue') ?? 0;
  }
  return computed(revenue > 0 ? profit / revenue : null, entries);
}

/** Reported revenue over declared taxable revenue, in the months both sources cover. */
function revenueToTax(history: SubjectHistory) {
  const tax = new Map<number, number>();
  for (const entry of history.lastMonths('tax', 12)) {
    tax.set(
      entry.month,
      (tax.get(entry.month) ?? 0) + (amount(entry.content, 'taxable_revenue') ?? 0),
    );
  }
  const used: Entry[] = [];
  let reported = 0;
  let declared = 0;
  const counted = new Set<number>();
  for (const entry of history.lastMonths(SR, 12)) {
    const revenue = amount(entry.content, 'revenue');
    const taxed = tax.get(entry.month);
    if (revenue === null || taxed === undefined) continue;
    reported += revenue;
    if (!counted.has(entry.month)) declared += taxed;
    counted.add(entry.month);
    used.push(entry);
  }
  return computed(declared > 0 ? reported / declared : null, used);
}

export const SELF_REPORTED_FEATURES: readonly FeatureDefinition[] = [
  latestOf(
    {
      ...SELF,
      name: 'self_debt_ratio',
      unit: 'ratio',
      label: { 'zh-CN': '资产负债率（自报）', en: 'Liabilities to assets (self-reported)' },
      reason: { 'zh-CN': '资产负债率较高：{value}', en: 'High liabilities to assets: {value}' },
    },
    debtRatio,
  ),
  feature(
    {
      ...SELF,
      name: 'self_debt_ratio_change_12m',
      unit: 'ratio',
      label: {
        'zh-CN': '资产负债率较一年前的变化（百分点）',
        en: 'Change in liabilities to assets over a year (points)',
      },
      reason: {
        'zh-CN': '资产负债率一年内上升 {value}',
        en: 'Liabilities to assets rose by {value} within a year',
      },
    },
    debtRatioChange,
  ),
  ...perWindow(
    [3, 12],
    {
      ...SELF,
      name: 'self_net_margin_{window}m',
      unit: 'ratio',
      label: {
        'zh-CN': '近{window}个月净利润率（自报）',
        en: 'Net margin over the last {window} months (self-reported)',
      },
      reason: {
        'zh-CN': '近{window}个月净利润率偏低：{value}',
        en: 'Low net margin over the last {window} months: {value}',
      },
    },
    netMargin,
  ),
  ...monthlyTotal([12], {
    ...SELF,
    name: 'self_loss_months_{window}m',
    unit: 'months',
    label: {
      'zh-CN': '近{window}个月亏损月数',
      en: 'Loss-making months in the last {window} months',
    },
    reason: {
      'zh-CN': '近{window}个月有 {value} 个月亏损',
      en: 'Losses in {value} of the last {window} months',
    },
    measure: anyOf((entry) => (amount(entry.content, 'net_profit') ?? 0) < 0),
  }),
  ...monthlyTotal([12], {
    ...SELF,
    name: 'self_net_profit_{window}m',
    unit: 'fen',
    label: {
      'zh-CN': '近{window}个月净利润（自报）',
      en: 'Net profit in the last {window} months',
    },
    reason: {
      'zh-CN': '近{window}个月净利润偏低：{value}',
      en: 'Low net profit in the last {window} months: {value}',
    },
    measure: sumOf('net_profit'),
  }),
  ...monthlyTotal([12], {
    ...SELF,
    name: 'self_revenue_{window}m',
    unit: 'fen',
    label: { 'zh-CN': '近{window}个月营业收入（自报）', en: 'Revenue in the last {window} months' },
    reason: {
      'zh-CN': '近{window}个月营业收入偏低：{value}',
      en: 'Low revenue in the last {window} months: {value}',
    },
    measure: sumOf('revenue'),
  }),
  ...monthlyChange([12], {
    ...SELF,
    name: 'self_revenue_change_{window}m',
    unit: 'ratio',
    label: {
      'zh-CN': '月均营业收入变化（近{window}个月对比前{window}个月，自报）',
      en: 'Change in monthly revenue, last {window} months against the {window} before (self-reported)',
    },
    reason: {
      'zh-CN': '营业收入下降：{value}',
      en: 'Falling revenue: {value}',
    },
    measure: valueOf((entry) => amount(entry.content, 'revenue')),
  }),
  latestOf(
    {
      ...SELF,
      name: 'self_employees',
      unit: 'count',
      label: { 'zh-CN': '从业人数（自报）', en: 'Employees (self-reported)' },
      reason: { 'zh-CN': '从业人数较少：{value} 人', en: 'Few employees: {value}' },
    },
    (entry) => amount(entry.content, 'employees'),
  ),
  ...monthlyChange([12], {
    ...SELF,
    name: 'self_employees_change_{window}m',
    unit: 'ratio',
    label: {
      'zh-CN': '从业人数变化（近{window}个月对比前{window}个月，自报）',
      en: 'Change in employees, last {window} months against the {window} before (self-reported)',
    },
    reason: { 'zh-CN': '从业人数减少：{value}', en: 'Fewer employees: {value}' },
    measure: valueOf((entry) => amount(entry.content, 'employees')),
  }),
  latestOf(
    {
      ...SELF,
      name: 'self_total_assets',
      unit: 'fen',
      label: { 'zh-CN': '资产总额（自报）', en: 'Total assets (self-reported)' },
      reason: { 'zh-CN': '资产规模较小：{value}', en: 'Small total assets: {value}' },
    },
    (entry) => amount(entry.content, 'total_assets'),
  ),
  ...monthlyTotal([12], {
    ...SELF,
    name: 'self_reporting_months_{window}m',
    unit: 'months',
    label: {
      'zh-CN': '近{window}个月报送财务报表月数',
      en: 'Months with a financial statement in the last {window} months',
    },
    reason: {
      'zh-CN': '近{window}个月仅 {value} 个月报送财务报表',
      en: 'Financial statements for only {value} of the last {window} months',
    },
    measure: anyOf(() => true),
  }),
  feature(
    {
      ...SELF,
      categories: [SR, 'tax'],
      name: 'self_revenue_to_tax_revenue_12m',
      unit: 'ratio',
      label: {
        'zh-CN': '自报营业收入与税务应税收入之比（近12个月）',
        en: 'Self-reported revenue against taxable revenue over the last 12 months',
      },
      reason: {
        'zh-CN': '自报收入与纳税申报收入不一致：比值 {value}',
        en: 'Reported revenue does not match the tax returns: {value} of taxable revenue',
      },
    },
    revenueToTax,
  ),
];
