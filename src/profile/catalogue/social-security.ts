/**
 * Social security (社保). For an enterprise: the contributions it pays for its staff, so
 * headcount, its trend and staff leaving; for a person: their employment history (months
 * insured, gaps, employers). Arrears and continuity mean the same for both.
 */
import { amount, text } from '../content.js';
import type { FeatureDefinition } from '../features.js';
import {
  anyOf,
  BOTH,
  computed,
  distinctOf,
  ENTERPRISE,
  feature,
  lastMonth,
  latestOf,
  meanOf,
  monthlyAverage,
  monthlyChange,
  monthlyLongestRun,
  monthlyRunCount,
  monthlySlope,
  monthlyTotal,
  monthsSince,
  perWindow,
  PERSON,
  streak,
  streakOf,
  sumOf,
  type Measure,
} from '../families/index.js';
import { byMonth, type Entry, type SubjectHistory } from '../history.js';

const SS = 'social_security';
const SHARED = { subjects: BOTH, categories: [SS] } as const;
const STAFF = { subjects: ENTERPRISE, categories: [SS] } as const;
const OWN = { subjects: PERSON, categories: [SS] } as const;

const inArrears = (entry: Entry) => text(entry.content, 'status') === 'arrears';
const employer = (entry: Entry) => text(entry.content, 'employer_uscc');
const insured = anyOf(() => true);
const headcount = distinctOf('resident_id');
/** A month without records after the first one: a gap in contributions. */
const uninsured: Measure = { absent: 1, of: () => 0 };
const contributed: Measure = { of: (month) => (month.some(inArrears) ? 0 : 1) };

/** Staff who left within the last 12 months, per head of the average staff. */
function staffTurnover(history: SubjectHistory) {
  const last = history.asOfMonth - 1;
  const entries = history.months(SS, last - 12, last);
  const staff = new Map<number, Set<string>>();
  for (const group of byMonth(entries)) {
    const ids = group.map((entry) => text(entry.content, 'resident_id') ?? '');
    staff.set(group[0]?.month ?? 0, new Set(ids));
  }
  let leavers = 0;
  let heads = 0;
  let months = 0;
  for (let month = Math.max(last - 12, history.firstMonth(SS) ?? last); month < last; month++) {
    const now = staff.get(month) ?? new Set<string>();
    const next = staff.get(month + 1) ?? new Set<string>();
    for (const id of now) if (!next.has(id)) leavers += 1;
    heads += now.size;
    months += 1;
  }
  return computed(heads > 0 ? leavers / (heads / months) : null, entries);
}

function unpaidShare(history: SubjectHistory) {
  const entries = history.lastMonths(SS, 12);
  const unpaid = entries.filter((entry) => text(entry.content, 'status') !== 'paid').length;
  return computed(entries.length > 0 ? unpaid / entries.length : null, entries);
}

function unemployedNow(history: SubjectHistory) {
  const lastMonthEntries = history.lastMonths(SS, 1);
  const latest = history.latest(SS);
  return lastMonthEntries.length > 0
    ? computed(0, lastMonthEntries)
    : computed(1, latest === undefined ? [] : [latest]);
}

function tenure(history: SubjectHistory) {
  const current = history.lastMonths(SS, 1).at(-1);
  const uscc = current === undefined ? null : employer(current);
  if (uscc === null) return computed(0);
  return streakOf(history, SS, {
    of: (month) => (month.some((entry) => employer(entry) === uscc) ? 1 : 0),
  });
}

export const SOCIAL_SECURITY_FEATURES: readonly FeatureDefinition[] = [
  streak({
    ...SHARED,
    name: 'ss_continuous_months',
    unit: 'months',
    label: {
      'zh-CN': '连续正常缴纳社保月数',
      en: 'Consecutive months of social-security contributions',
    },
    reason: {
      'zh-CN': '连续缴纳社保月数偏少：{value} 个月',
      en: 'Few consecutive months of social-security contributions: {value} months',
    },
    measure: contributed,
  }),
  ...monthlyTotal([6, 12, 24], {
    ...SHARED,
    name: 'ss_arrears_months_{window}m',
    unit: 'months',
    label: {
      'zh-CN': '近{window}个月社保欠缴月数',
      en: 'Months of unpaid social-security contributions in the last {window} months',
    },
    reason: {
      'zh-CN': '近{window}个月有 {value} 个月社保欠缴',
      en: 'Social-security contributions unpaid in {value} of the last {window} months',
    },
    measure: anyOf(inArrears),
  }),
  monthsSince(
    {
      ...SHARED,
      name: 'months_since_ss_arrears',
      unit: 'months',
      label: {
        'zh-CN': '距最近一次社保欠缴月数（最多24）',
        en: 'Months since social-security contributions were last unpaid (at most 24)',
      },
      reason: {
        'zh-CN': '近期存在社保欠缴：距今仅 {value} 个月',
        en: 'Social-security contributions unpaid only {value} months ago',
      },
      measure: anyOf(inArrears),
    },
    24,
  ),
  feature(
    {
      ...SHARED,
      name: 'ss_unpaid_share_12m',
      unit: 'ratio',
      label: {
        'zh-CN': '近12个月社保未足额缴纳人月占比',
        en: 'Share of insured person-months not paid in full over the last 12 months',
      },
      reason: {
        'zh-CN': '近12个月社保未正常缴纳比例较高：{value}',
        en: 'Social security often not paid over the last 12 months: {value} of person-months',
      },
    },
    unpaidShare,
  ),
  ...monthlyAverage([12], {
    ...SHARED,
    name: 'ss_contribution_base_avg_{window}m',
    unit: 'fen',
    label: {
      'zh-CN': '近{window}个月平均社保缴费基数',
      en: 'Average social-security contribution base over the last {window} months',
    },
    reason: {
      'zh-CN': '社保缴费基数偏低：月均 {value}',
      en: 'Low social-security contribution base: {value} a month on average',
    },
    measure: meanOf('contribution_base'),
  }),
  lastMonth({
    ...STAFF,
    name: 'ss_headcount',
    unit: 'count',
    label: { 'zh-CN': '当前参保职工人数', en: 'Insured staff now' },
    reason: { 'zh-CN': '参保职工人数较少：{value} 人', en: 'Few insured staff: {value}' },
    measure: headcount,
  }),
  ...monthlyAverage([12], {
    ...STAFF,
    name: 'ss_headcount_avg_{window}m',
    unit: 'count',
    label: {
      'zh-CN': '近{window}个月平均参保职工人数',
      en: 'Average insured staff over the last {window} months',
    },
    reason: {
      'zh-CN': '近{window}个月参保职工人数较少：平均 {value} 人',
      en: 'Few insured staff over the last {window} months: {value} on average',
    },
    measure: headcount,
  }),
  ...monthlyChange([6, 12], {
    ...STAFF,
    name: 'ss_headcount_change_{window}m',
    unit: 'ratio',
    label: {
      'zh-CN': '参保人数变化（近{window}个月对比前{window}个月）',
      en: 'Change in insured staff, last {window} months against the {window} before',
    },
    reason: {
      'zh-CN': '参保人数下降：近{window}个月较前{window}个月变化 {value}',
      en: 'Shrinking staff: {value} in the last {window} months against the {window} before',
    },
    measure: headcount,
  }),
  ...monthlySlope([12], {
    ...STAFF,
    name: 'ss_headcount_trend_{window}m',
    unit: 'ratio',
    label: {
      'zh-CN': '近{window}个月参保人数月均变化率',
      en: 'Monthly trend of insured staff over the last {window} months',
    },
    reason: {
      'zh-CN': '参保人数持续减少：每月 {value}',
      en: 'Insured staff keep falling: {value} a month',
    },
    measure: headcount,
  }),
  feature(
    {
      ...STAFF,
      name: 'ss_staff_turnover_12m',
      unit: 'ratio',
      label: {
        'zh-CN': '近12个月职工流失率（离开人数 / 平均人数）',
        en: 'Staff who left in the last 12 months per head of average staff',
      },
      reason: {
        'zh-CN': '近12个月职工流失较多：流失率 {value}',
        en: 'Many staff left in the last 12 months: turnover {value}',
      },
    },
    staffTurnover,
  ),
  ...monthlyTotal([12], {
    ...STAFF,
    name: 'ss_paid_{window}m',
    unit: 'fen',
    label: {
      'zh-CN': '近{window}个月社保实缴金额',
      en: 'Social-security contributions paid in the last {window} months',
    },
    reason: {
      'zh-CN': '近{window}个月社保实缴金额偏低：{value}',
      en: 'Little social security paid in the last {window} months: {value}',
    },
    measure: sumOf('paid'),
  }),
  ...monthlyTotal([12, 24], {
    ...OWN,
    name: 'insured_months_{window}m',
    unit: 'months',
    label: { 'zh-CN': '近{window}个月参保月数', en: 'Months insured in the last {window} months' },
    reason: {
      'zh-CN': '近{window}个月参保月数偏少：{value} 个月',
      en: 'Insured in only {value} of the last {window} months',
    },
    measure: insured,
  }),
  ...monthlyTotal([24], {
    ...OWN,
    name: 'uninsured_months_{window}m',
    unit: 'months',
    label: {
      'zh-CN': '近{window}个月断缴月数（首次参保后）',
      en: 'Months without contributions in the last {window} months (after the first)',
    },
    reason: {
      'zh-CN': '近{window}个月社保断缴 {value} 个月',
      en: 'No social-security contributions in {value} of the last {window} months',
    },
    measure: uninsured,
  }),
  ...monthlyRunCount(
    [24],
    {
      ...OWN,
      name: 'employment_gaps_{window}m',
      unit: 'count',
      label: {
        'zh-CN': '近{window}个月社保断缴次数',
        en: 'Breaks in social-security contributions in the last {window} months',
      },
      reason: {
        'zh-CN': '近{window}个月社保多次断缴：{value} 次',
        en: 'Contributions broke off {value} times in the last {window} months',
      },
      measure: insured,
    },
    (value) => value === 0,
  ),
  ...monthlyLongestRun(
    [24],
    {
      ...OWN,
      name: 'longest_employment_gap_{window}m',
      unit: 'months',
      label: {
        'zh-CN': '近{window}个月最长断缴月数',
        en: 'Longest break in contributions in the last {window} months',
      },
      reason: {
        'zh-CN': '近{window}个月社保最长断缴 {value} 个月',
        en: 'A break of {value} months in contributions within the last {window} months',
      },
      measure: insured,
    },
    (value) => value === 0,
  ),
  feature(
    {
      ...OWN,
      name: 'currently_unemployed',
      unit: 'flag',
      label: { 'zh-CN': '上月无社保缴纳记录', en: 'No social-security contribution last month' },
      reason: {
        'zh-CN': '上月无社保缴纳记录，可能处于失业状态',
        en: 'No social-security contribution last month: possibly out of work',
      },
    },
    unemployedNow,
  ),
  monthsSince(
    {
      ...OWN,
      name: 'months_since_contribution',
      unit: 'months',
      label: {
        'zh-CN': '距最近一次社保缴纳月数（最多24）',
        en: 'Months since the last social-security contribution (at most 24)',
      },
      reason: {
        'zh-CN': '已 {value} 个月无社保缴纳记录',
        en: 'No social-security contributions for {value} months',
      },
      measure: insured,
    },
    24,
  ),
  ...perWindow(
    [12, 24],
    {
      ...OWN,
      name: 'employers_{window}m',
      unit: 'count',
      label: {
        'zh-CN': '近{window}个月参保单位数',
        en: 'Employers in the last {window} months',
      },
      reason: {
        'zh-CN': '近{window}个月更换工作较频繁：{value} 家参保单位',
        en: 'Frequent job changes: {value} employers in the last {window} months',
      },
    },
    (history, n) => {
      const entries = history.lastMonths(SS, n);
      return computed(new Set(entries.map(employer)).size, entries);
    },
  ),
  feature(
    {
      ...OWN,
      name: 'current_employer_months',
      unit: 'months',
      label: {
        'zh-CN': '在当前单位连续参保月数',
        en: 'Consecutive months insured with the current employer',
      },
      reason: {
        'zh-CN': '在现单位参保时间较短：{value} 个月',
        en: 'Short time with the current employer: {value} months',
      },
    },
    tenure,
  ),
  latestOf(
    {
      ...OWN,
      name: 'contribution_base_latest',
      unit: 'fen',
      label: { 'zh-CN': '最近社保缴费基数', en: 'Latest social-security contribution base' },
      reason: {
        'zh-CN': '社保缴费基数偏低：{value}',
        en: 'Low social-security contribution base: {value}',
      },
    },
    (entry) => amount(entry.content, 'contribution_base'),
  ),
  ...monthlyChange([12], {
    ...OWN,
    name: 'contribution_base_change_{window}m',
    unit: 'ratio',
    label: {
      'zh-CN': '社保缴费基数变化（近{window}个月对比前{window}个月）',
      en: 'Change in contribution base, last {window} months against the {window} before',
    },
    reason: {
      'zh-CN': '社保缴费基数下降：{value}',
      en: 'Falling contribution base: {value}',
    },
    measure: meanOf('contribution_base'),
  }),
];
