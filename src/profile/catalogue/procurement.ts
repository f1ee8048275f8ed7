/** Government procurement and bidding (政府采购): contracts won, their size and fate. */
import { text } from '../content.js';
import type { FeatureDefinition } from '../features.js';
import { datedCount, datedSince, datedTotal, ENTERPRISE, everCount } from '../families/index.js';
import type { Entry } from '../history.js';

const PROCUREMENT = { subjects: ENTERPRISE, categories: ['procurement'] } as const;
const status = (entry: Entry) => text(entry.content, 'status');

export const PROCUREMENT_FEATURES: readonly FeatureDefinition[] = [
  ...datedCount([12, 24], {
    ...PROCUREMENT,
    name: 'procurement_wins_{window}m',
    unit: 'count',
    label: {
      'zh-CN': '近{window}个月政府采购中标次数',
      en: 'Government contracts won in the last {window} months',
    },
    reason: {
      'zh-CN': '近{window}个月政府采购中标较少：{value} 次',
      en: 'Few government contracts won in the last {window} months: {value}',
    },
  }),
  ...datedTotal(
    [12, 24],
    {
      ...PROCUREMENT,
      name: 'procurement_amount_{window}m',
      unit: 'fen',
      label: {
        'zh-CN': '近{window}个月政府采购中标金额',
        en: 'Value of government contracts won in the last {window} months',
      },
      reason: {
        'zh-CN': '近{window}个月政府采购中标金额较低：{value}',
        en: 'Little government business won in the last {window} months: {value}',
      },
    },
    'amount',
  ),
  everCount({
    ...PROCUREMENT,
    name: 'procurement_wins_total',
    unit: 'count',
    label: { 'zh-CN': '累计政府采购中标次数', en: 'Government contracts won, all known' },
    reason: {
      'zh-CN': '政府采购中标较少：累计 {value} 次',
      en: 'Few government contracts won: {value} on record',
    },
  }),
  everCount(
    {
      ...PROCUREMENT,
      name: 'procurement_terminated',
      unit: 'count',
      label: { 'zh-CN': '被终止的政府采购合同数', en: 'Government contracts terminated' },
      reason: {
        'zh-CN': '有 {value} 份政府采购合同被终止履约',
        en: '{value} government contracts were terminated',
      },
    },
    (entry) => status(entry) === 'terminated',
  ),
  everCount(
    {
      ...PROCUREMENT,
      name: 'procurement_active_contracts',
      unit: 'count',
      label: { 'zh-CN': '履约中的政府采购合同数', en: 'Government contracts in progress' },
      reason: {
        'zh-CN': '履约中的政府采购合同较少：{value} 份',
        en: 'Few government contracts in progress: {value}',
      },
    },
    (entry) => status(entry) === 'awarded' || status(entry) === 'performing',
  ),
  datedSince(
    {
      ...PROCUREMENT,
      name: 'months_since_procurement_win',
      unit: 'months',
      label: {
        'zh-CN': '距最近一次政府采购中标月数（最多36）',
        en: 'Months since the last government contract won (at most 36)',
      },
      reason: {
        'zh-CN': '已 {value} 个月未中标政府采购项目',
        en: 'No government contract won for {value} months',
      },
    },
    36,
  ),
];
