/**
 * Housing provident fund (公积金): deposits an enterprise makes for its staff, or a person's
 * own account. A sealed account (封存) means the holder left a fund-paying job.
 */
import { amount, text } from '../content.js';
import type { FeatureDefinition, LocalText } from '../features.js';
import {
  anyOf,
  BOTH,
  distinctOf,
  ENTERPRISE,
  lastMonth,
  latestOf,
  levels,
  monthlyChange,
  monthlyTotal,
  PERSON,
  streak,
  sumOf,
  type Measure,
} from '../families/index.js';
import type { Entry } from '../history.js';

const HF = 'housing_fund';
const SHARED = { subjects: BOTH, categories: [HF] } as const;
const STAFF = { subjects: ENTERPRISE, categories: [HF] } as const;
const OWN = { subjects: PERSON, categories: [HF] } as const;

const active = (entry: Entry) => text(entry.content, 'account_status') === 'active';
const deposited = (entry: Entry) => active(entry) && (amount(entry.content, 'paid') ?? 0) > 0;
const depositMonths = anyOf(deposited);
/** Active accounts but nothing paid into any of them: the payer skipped the month. */
const unpaid: Measure = {
  absent: 0,
  of: (month) => (month.some(active) && !month.some(deposited) ? 1 : 0),
};

const STATUS_WORDS: Readonly<Record<string, LocalText>> = {
  active: { 'zh-CN': '正常缴存', en: 'active' },
  sealed: { 'zh-CN': '封存', en: 'sealed' },
  closed: { 'zh-CN': '销户', en: 'closed' },
};

export const HOUSING_FUND_FEATURES: readonly FeatureDefinition[] = [
  streak({
    ...SHARED,
    name: 'hf_continuous_months',
    unit: 'months',
    label: { 'zh-CN': '连续缴存公积金月数', en: 'Consecutive months of housing-fund deposits' },
    reason: {
      'zh-CN': '连续缴存公积金月数偏少：{value} 个月',
      en: 'Few consecutive months of housing-fund deposits: {value} months',
    },
    measure: depositMonths,
  }),
  ...monthlyTotal([12, 24], {
    ...SHARED,
    name: 'hf_deposit_months_{window}m',
    unit: 'months',
    label: {
      'zh-CN': '近{window}个月公积金缴存月数',
      en: 'Months with housing-fund deposits in the last {window} months',
    },
    reason: {
      'zh-CN': '近{window}个月仅 {value} 个月缴存公积金',
      en: 'Housing-fund deposits in only {value} of the last {window} months',
    },
    measure: depositMonths,
  }),
  ...monthlyTotal([12], {
    ...SHARED,
    name: 'hf_unpaid_months_{window}m',
    unit: 'months',
    label: {
      'zh-CN': '近{window}个月公积金欠缴月数',
      en: 'Months of unpaid housing-fund deposits in the last {window} months',
    },
    reason: {
      'zh-CN': '近{window}个月有 {value} 个月公积金欠缴',
      en: 'Housing-fund deposits unpaid in {value} of the last {window} months',
    },
    measure: unpaid,
  }),
  ...monthlyTotal([12], {
    ...SHARED,
    name: 'hf_paid_{window}m',
    unit: 'fen',
    label: {
      'zh-CN': '近{window}个月公积金缴存金额',
      en: 'Housing-fund deposits in the last {window} months',
    },
    reason: {
      'zh-CN': '近{window}个月公积金缴存金额偏低：{value}',
      en: 'Small housing-fund deposits in the last {window} months: {value}',
    },
    measure: sumOf('paid'),
  }),
  lastMonth({
    ...STAFF,
    name: 'hf_headcount',
    unit: 'count',
    label: { 'zh-CN': '当前公积金缴存职工人数', en: 'Staff with housing-fund deposits now' },
    reason: {
      'zh-CN': '缴存公积金的职工较少：{value} 人',
      en: 'Few staff with housing-fund deposits: {value}',
    },
    measure: distinctOf('resident_id', active),
  }),
  ...monthlyChange([12], {
    ...STAFF,
    name: 'hf_headcount_change_{window}m',
    unit: 'ratio',
    label: {
      'zh-CN': '公积金缴存人数变化（近{window}个月对比前{window}个月）',
      en: 'Change in staff with housing-fund deposits, last {window} months against the {window} before',
    },
    reason: {
      'zh-CN': '公积金缴存人数下降：{value}',
      en: 'Fewer staff with housing-fund deposits: {value}',
    },
    measure: distinctOf('resident_id', active),
  }),
  latestOf(
    {
      ...OWN,
      name: 'hf_account_status',
      unit: 'category',
      label: { 'zh-CN': '公积金账户状态', en: 'Housing-fund account status' },
      reason: {
        'zh-CN': '公积金账户非正常缴存状态：{value}',
        en: 'Housing-fund account not active: {value}',
      },
      describe: levels(STATUS_WORDS),
    },
    (entry) => text(entry.content, 'account_status'),
  ),
  ...monthlyTotal([24], {
    ...OWN,
    name: 'hf_sealed_months_{window}m',
    unit: 'months',
    label: {
      'zh-CN': '近{window}个月公积金封存月数',
      en: 'Months with a sealed housing-fund account in the last {window} months',
    },
    reason: {
      'zh-CN': '近{window}个月公积金账户封存 {value} 个月',
      en: 'Housing-fund account sealed for {value} of the last {window} months',
    },
    measure: anyOf((entry) => text(entry.content, 'account_status') === 'sealed'),
  }),
  latestOf(
    {
      ...OWN,
      name: 'hf_deposit_base_latest',
      unit: 'fen',
      label: { 'zh-CN': '最近公积金缴存基数', en: 'Latest housing-fund deposit base' },
      reason: {
        'zh-CN': '公积金缴存基数偏低：{value}',
        en: 'Low housing-fund deposit base: {value}',
      },
    },
    (entry) => amount(entry.content, 'deposit_base'),
  ),
];
