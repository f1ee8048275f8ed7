/** Customs (海关): trade volume and its trend, declarations, the customs credit level. */
import { text } from '../content.js';
import type { FeatureDefinition, LocalText } from '../features.js';
import {
  anyOf,
  ENTERPRISE,
  latestOf,
  levels,
  monthlyChange,
  monthlyTotal,
  sumOf,
} from '../families/index.js';
import type { Entry } from '../history.js';

const CUSTOMS = { subjects: ENTERPRISE, categories: ['customs'] } as const;
const trade = sumOf('export_value', 'import_value');
const level = (entry: Entry) => text(entry.content, 'credit_level');

const LEVEL_WORDS: Readonly<Record<string, LocalText>> = {
  advanced: { 'zh-CN': '高级认证企业', en: 'advanced certified enterprise' },
  general: { 'zh-CN': '一般信用企业', en: 'general credit' },
  dishonest: { 'zh-CN': '失信企业', en: 'dishonest enterprise' },
};

export const CUSTOMS_FEATURES: readonly FeatureDefinition[] = [
  ...monthlyTotal([3, 6, 12, 24], {
    ...CUSTOMS,
    name: 'customs_trade_{window}m',
    unit: 'fen',
    label: {
      'zh-CN': '近{window}个月进出口总额',
      en: 'Imports and exports in the last {window} months',
    },
    reason: {
      'zh-CN': '近{window}个月进出口额偏低：{value}',
      en: 'Little foreign trade in the last {window} months: {value}',
    },
    measure: trade,
  }),
  ...monthlyTotal([12], {
    ...CUSTOMS,
    name: 'customs_exports_{window}m',
    unit: 'fen',
    label: { 'zh-CN': '近{window}个月出口额', en: 'Exports in the last {window} months' },
    reason: {
      'zh-CN': '近{window}个月出口额偏低：{value}',
      en: 'Low exports in the last {window} months: {value}',
    },
    measure: sumOf('export_value'),
  }),
  ...monthlyTotal([12], {
    ...CUSTOMS,
    name: 'customs_imports_{window}m',
    unit: 'fen',
    label: { 'zh-CN': '近{window}个月进口额', en: 'Imports in the last {window} months' },
    reason: {
      'zh-CN': '近{window}个月进口额偏低：{value}',
      en: 'Low imports in the last {window} months: {value}',
    },
    measure: sumOf('import_value'),
  }),
  ...monthlyChange([6, 12], {
    ...CUSTOMS,
    name: 'customs_trade_change_{window}m',
    unit: 'ratio',
    label: {
      'zh-CN': '月均进出口额变化（近{window}个月对比前{window}个月）',
      en: 'Change in monthly foreign trade, last {window} months against the {window} before',
    },
    reason: {
      'zh-CN': '进出口额下降：近{window}个月较前{window}个月变化 {value}',
      en: 'Falling foreign trade: {value} in the last {window} months against the {window} before',
    },
    measure: trade,
  }),
  ...monthlyTotal([12], {
    ...CUSTOMS,
    name: 'customs_declarations_{window}m',
    unit: 'count',
    label: {
      'zh-CN': '近{window}个月报关单数',
      en: 'Customs declarations in the last {window} months',
    },
    reason: {
      'zh-CN': '近{window}个月报关单数偏少：{value} 票',
      en: 'Few customs declarations in the last {window} months: {value}',
    },
    measure: sumOf('declarations'),
  }),
  ...monthlyChange([12], {
    ...CUSTOMS,
    name: 'customs_declarations_change_{window}m',
    unit: 'ratio',
    label: {
      'zh-CN': '月均报关单数变化（近{window}个月对比前{window}个月）',
      en: 'Change in monthly customs declarations, last {window} months against the {window} before',
    },
    reason: {
      'zh-CN': '报关单数下降：{value}',
      en: 'Fewer customs declarations: {value}',
    },
    measure: sumOf('declarations'),
  }),
  ...monthlyTotal([12], {
    ...CUSTOMS,
    name: 'customs_active_months_{window}m',
    unit: 'months',
    label: {
      'zh-CN': '近{window}个月有进出口的月数',
      en: 'Months with foreign trade in the last {window} months',
    },
    reason: {
      'zh-CN': '近{window}个月仅 {value} 个月有进出口',
      en: 'Foreign trade in only {value} of the last {window} months',
    },
    measure: anyOf(() => true),
  }),
  latestOf(
    {
      ...CUSTOMS,
      name: 'customs_credit_level',
      unit: 'category',
      label: { 'zh-CN': '海关信用等级', en: 'Customs credit level' },
      reason: { 'zh-CN': '海关信用等级较低：{value}', en: 'Low customs credit level: {value}' },
      describe: levels(LEVEL_WORDS),
    },
    level,
  ),
  latestOf(
    {
      ...CUSTOMS,
      name: 'customs_dishonest',
      unit: 'flag',
      label: { 'zh-CN': '海关认定失信企业', en: 'Dishonest enterprise at customs' },
      reason: {
        'zh-CN': '被海关认定为失信企业',
        en: 'Customs rates the enterprise as dishonest',
      },
    },
    (entry) => (level(entry) === null ? null : level(entry) === 'dishonest' ? 1 : 0),
  ),
];
