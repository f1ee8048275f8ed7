/** Utilities (水电气): punctuality of water, electricity and gas bills, and activity. */
import { flag } from '../content.js';
import type { FeatureDefinition } from '../features.js';
import {
  anyOf,
  computed,
  countOf,
  ENTERPRISE,
  feature,
  maxOf,
  monthlyChange,
  monthlyPeak,
  monthlyTotal,
  monthsSince,
  sumOf,
} from '../families/index.js';
import type { Entry, SubjectHistory } from '../history.js';

const UTILITIES = { subjects: ENTERPRISE, categories: ['utilities'] } as const;
const late = (entry: Entry) => flag(entry.content, 'paid_on_time') === false;
/** A bill paid on time is 0 days overdue even where the provider leaves the days out. */
const onTimeDays = (entry: Entry) => (flag(entry.content, 'paid_on_time') === true ? 0 : null);

function onTimeShare(history: SubjectHistory) {
  const entries = history.lastMonths('utilities', 12);
  let known = 0;
  let onTime = 0;
  for (const entry of entries) {
    const paid = flag(entry.content, 'paid_on_time');
    if (paid === null) continue;
    known += 1;
    if (paid) onTime += 1;
  }
  return computed(known > 0 ? onTime / known : null, entries);
}

export const UTILITIES_FEATURES: readonly FeatureDefinition[] = [
  ...monthlyTotal([3, 6, 12, 24], {
    ...UTILITIES,
    name: 'utility_late_bills_{window}m',
    unit: 'count',
    label: {
      'zh-CN': '近{window}个月水电气逾期缴费笔数',
      en: 'Utility bills paid late in the last {window} months',
    },
    reason: {
      'zh-CN': '近{window}个月水电气逾期缴费 {value} 笔',
      en: '{value} utility bills paid late in the last {window} months',
    },
    measure: countOf(late),
  }),
  ...monthlyTotal([12], {
    ...UTILITIES,
    name: 'utility_late_months_{window}m',
    unit: 'months',
    label: {
      'zh-CN': '近{window}个月有水电气逾期的月数',
      en: 'Months with a late utility bill in the last {window} months',
    },
    reason: {
      'zh-CN': '近{window}个月有 {value} 个月水电气逾期缴费',
      en: 'Utility bills paid late in {value} of the last {window} months',
    },
    measure: anyOf(late),
  }),
  ...monthlyPeak([6, 12, 24], {
    ...UTILITIES,
    name: 'utility_max_overdue_days_{window}m',
    unit: 'days',
    label: {
      'zh-CN': '近{window}个月水电气最长逾期天数',
      en: 'Longest utility bill overdue in the last {window} months (days)',
    },
    reason: {
      'zh-CN': '近{window}个月水电气最长逾期 {value} 天',
      en: 'A utility bill was {value} days overdue in the last {window} months',
    },
    measure: maxOf('overdue_days', onTimeDays),
  }),
  feature(
    {
      ...UTILITIES,
      name: 'utility_on_time_share_12m',
      unit: 'ratio',
      label: {
        'zh-CN': '近12个月水电气按时缴费比例',
        en: 'Share of utility bills paid on time over the last 12 months',
      },
      reason: {
        'zh-CN': '水电气按时缴费比例偏低：{value}',
        en: 'Utility bills often paid late: only {value} on time',
      },
    },
    onTimeShare,
  ),
  monthsSince(
    {
      ...UTILITIES,
      name: 'months_since_utility_late',
      unit: 'months',
      label: {
        'zh-CN': '距最近一次水电气逾期月数（最多24）',
        en: 'Months since a utility bill was last paid late (at most 24)',
      },
      reason: {
        'zh-CN': '近期水电气逾期缴费：距今仅 {value} 个月',
        en: 'A utility bill was paid late only {value} months ago',
      },
      measure: anyOf(late),
    },
    24,
  ),
  ...monthlyTotal([12], {
    ...UTILITIES,
    name: 'utility_billed_{window}m',
    unit: 'fen',
    label: { 'zh-CN': '近{window}个月水电气费用', en: 'Utility bills in the last {window} months' },
    reason: {
      'zh-CN': '近{window}个月水电气用量偏低（费用 {value}），经营活跃度不足',
      en: 'Low utility use in the last {window} months ({value}): little activity',
    },
    measure: sumOf('amount'),
  }),
  ...monthlyChange([12], {
    ...UTILITIES,
    name: 'utility_billed_change_{window}m',
    unit: 'ratio',
    label: {
      'zh-CN': '月均水电气费用变化（近{window}个月对比前{window}个月）',
      en: 'Change in monthly utility bills, last {window} months against the {window} before',
    },
    reason: {
      'zh-CN': '水电气用量下降：{value}，经营活动可能收缩',
      en: 'Falling utility use: {value}, activity may be shrinking',
    },
    measure: sumOf('amount'),
  }),
];
