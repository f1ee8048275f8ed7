/** Administrative penalties and commendations (行政处罚与表彰). */
import { text } from '../content.js';
import type { FeatureDefinition } from '../features.js';
import { datedCount, datedSince, datedTotal, ENTERPRISE, everCount } from '../families/index.js';
import type { Entry } from '../history.js';

const ADMINISTRATIVE = { subjects: ENTERPRISE, categories: ['administrative'] } as const;
const penalty = (entry: Entry) => text(entry.content, 'kind') === 'penalty';
const serious = (entry: Entry) => penalty(entry) && text(entry.content, 'severity') === 'serious';
const commendation = (entry: Entry) => text(entry.content, 'kind') === 'commendation';

export const ADMINISTRATIVE_FEATURES: readonly FeatureDefinition[] = [
  ...datedCount(
    [12, 24],
    {
      ...ADMINISTRATIVE,
      name: 'admin_penalties_{window}m',
      unit: 'count',
      label: {
        'zh-CN': '近{window}个月行政处罚次数',
        en: 'Administrative penalties in the last {window} months',
      },
      reason: {
        'zh-CN': '近{window}个月受到行政处罚 {value} 次',
        en: '{value} administrative penalties in the last {window} months',
      },
    },
    penalty,
  ),
  ...datedCount(
    [24],
    {
      ...ADMINISTRATIVE,
      name: 'admin_serious_penalties_{window}m',
      unit: 'count',
      label: {
        'zh-CN': '近{window}个月严重行政处罚次数',
        en: 'Serious administrative penalties in the last {window} months',
      },
      reason: {
        'zh-CN': '近{window}个月受到严重行政处罚 {value} 次',
        en: '{value} serious administrative penalties in the last {window} months',
      },
    },
    serious,
  ),
  ...datedTotal(
    [24],
    {
      ...ADMINISTRATIVE,
      name: 'admin_fines_{window}m',
      unit: 'fen',
      label: { 'zh-CN': '近{window}个月罚没金额', en: 'Fines in the last {window} months' },
      reason: {
        'zh-CN': '近{window}个月被处罚没款 {value}',
        en: 'Fined {value} in the last {window} months',
      },
    },
    'amount',
    penalty,
  ),
  everCount(
    {
      ...ADMINISTRATIVE,
      name: 'admin_penalties_total',
      unit: 'count',
      label: { 'zh-CN': '累计行政处罚次数', en: 'Administrative penalties, all known' },
      reason: {
        'zh-CN': '累计受到行政处罚 {value} 次',
        en: '{value} administrative penalties on record',
      },
    },
    penalty,
  ),
  datedSince(
    {
      ...ADMINISTRATIVE,
      name: 'months_since_admin_penalty',
      unit: 'months',
      label: {
        'zh-CN': '距最近一次行政处罚月数（最多36）',
        en: 'Months since the last administrative penalty (at most 36)',
      },
      reason: {
        'zh-CN': '近期受到行政处罚：距今仅 {value} 个月',
        en: 'An administrative penalty only {value} months ago',
      },
    },
    36,
    penalty,
  ),
  ...datedCount(
    [24],
    {
      ...ADMINISTRATIVE,
      name: 'admin_commendations_{window}m',
      unit: 'count',
      label: {
        'zh-CN': '近{window}个月获得政府表彰次数',
        en: 'Government commendations in the last {window} months',
      },
      reason: {
        'zh-CN': '近{window}个月获得政府表彰较少：{value} 次',
        en: 'Few government commendations in the last {window} months: {value}',
      },
    },
    commendation,
  ),
  everCount(
    {
      ...ADMINISTRATIVE,
      name: 'admin_commendations_total',
      unit: 'count',
      label: { 'zh-CN': '累计获得政府表彰次数', en: 'Government commendations, all known' },
      reason: {
        'zh-CN': '获得政府表彰较少：累计 {value} 次',
        en: 'Few government commendations: {value} on record',
      },
    },
    commendation,
  ),
];
