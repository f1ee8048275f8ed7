/**
 * Courts and enforcement (司法). "Against" is any role but plaintiff: a defendant in a
 * dispute or the executed person in an enforcement. Suing someone is no risk signal.
 */
import { text } from '../content.js';
import type { FeatureDefinition } from '../features.js';
import { BOTH, datedCount, datedSince, datedTotal, everCount, overAll } from '../families/index.js';
import type { Entry } from '../history.js';

const JUDICIAL = { subjects: BOTH, categories: ['judicial'] } as const;
const role = (entry: Entry) => text(entry.content, 'role');
const against = (entry: Entry) => role(entry) !== 'plaintiff';
const defendant = (entry: Entry) => role(entry) === 'defendant';
const executed = (entry: Entry) => role(entry) === 'executed_person';
const open = (entry: Entry) => text(entry.content, 'status') === 'open';
const dishonest = (entry: Entry) =>
  executed(entry) && open(entry) && text(entry.content, 'case_type') === 'dishonest_executed';

export const JUDICIAL_FEATURES: readonly FeatureDefinition[] = [
  ...datedCount(
    [12, 24],
    {
      ...JUDICIAL,
      name: 'court_cases_against_{window}m',
      unit: 'count',
      label: {
        'zh-CN': '近{window}个月作为被告或被执行人的案件数',
        en: 'Court cases against the subject filed in the last {window} months',
      },
      reason: {
        'zh-CN': '近{window}个月作为被告或被执行人涉诉 {value} 件',
        en: '{value} court cases filed against you in the last {window} months',
      },
    },
    against,
  ),
  ...datedCount(
    [12, 24],
    {
      ...JUDICIAL,
      name: 'court_defendant_cases_{window}m',
      unit: 'count',
      label: {
        'zh-CN': '近{window}个月作为被告的案件数',
        en: 'Lawsuits as defendant filed in the last {window} months',
      },
      reason: {
        'zh-CN': '近{window}个月作为被告涉诉 {value} 件',
        en: 'Sued {value} times in the last {window} months',
      },
    },
    defendant,
  ),
  ...datedCount(
    [12, 24],
    {
      ...JUDICIAL,
      name: 'court_enforcements_{window}m',
      unit: 'count',
      label: {
        'zh-CN': '近{window}个月被强制执行案件数',
        en: 'Enforcement cases against the subject in the last {window} months',
      },
      reason: {
        'zh-CN': '近{window}个月被法院强制执行 {value} 次',
        en: '{value} court enforcements against you in the last {window} months',
      },
    },
    executed,
  ),
  everCount(
    {
      ...JUDICIAL,
      name: 'court_cases_against_total',
      unit: 'count',
      label: {
        'zh-CN': '累计作为被告或被执行人的案件数',
        en: 'Court cases against the subject, all known',
      },
      reason: {
        'zh-CN': '累计作为被告或被执行人涉诉 {value} 件',
        en: '{value} court cases against you on record',
      },
    },
    against,
  ),
  everCount(
    {
      ...JUDICIAL,
      name: 'court_open_cases_against',
      unit: 'count',
      label: {
        'zh-CN': '未结案的被诉或被执行案件数',
        en: 'Open court cases against the subject',
      },
      reason: {
        'zh-CN': '尚有 {value} 件被诉或被执行案件未结',
        en: '{value} court cases against you are still open',
      },
    },
    (entry) => against(entry) && open(entry),
  ),
  overAll(
    {
      ...JUDICIAL,
      name: 'listed_dishonest',
      unit: 'flag',
      label: { 'zh-CN': '失信被执行人', en: 'Listed as a dishonest judgment debtor' },
      reason: {
        'zh-CN': '被列为失信被执行人',
        en: 'Listed as a dishonest judgment debtor (失信被执行人)',
      },
    },
    (entries) => (entries.some(dishonest) ? 1 : 0),
  ),
  ...datedTotal(
    [24],
    {
      ...JUDICIAL,
      name: 'court_defendant_amount_{window}m',
      unit: 'fen',
      label: {
        'zh-CN': '近{window}个月被诉案件涉案金额',
        en: 'Amount at stake in lawsuits against the subject in the last {window} months',
      },
      reason: {
        'zh-CN': '近{window}个月被诉涉案金额较大：{value}',
        en: 'Lawsuits against you over {value} in the last {window} months',
      },
    },
    'amount',
    defendant,
  ),
  datedSince(
    {
      ...JUDICIAL,
      name: 'months_since_court_case_against',
      unit: 'months',
      label: {
        'zh-CN': '距最近一次被诉或被执行月数（最多36）',
        en: 'Months since the last court case against the subject (at most 36)',
      },
      reason: {
        'zh-CN': '近期涉诉：最近一次被诉或被执行距今 {value} 个月',
        en: 'A court case against you only {value} months ago',
      },
    },
    36,
    against,
  ),
  ...datedCount(
    [24],
    {
      ...JUDICIAL,
      name: 'court_plaintiff_cases_{window}m',
      unit: 'count',
      label: {
        'zh-CN': '近{window}个月作为原告的案件数',
        en: 'Lawsuits brought by the subject in the last {window} months',
      },
      reason: {
        'zh-CN': '近{window}个月作为原告起诉 {value} 件，应收款回收存在纠纷',
        en: '{value} lawsuits brought in the last {window} months: disputed receivables',
      },
    },
    (entry) => role(entry) === 'plaintiff',
  ),
];
