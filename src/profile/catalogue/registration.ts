/** Business registration (市场监管): age, size of capital, industry, place and status. */
import type { Industry } from '../../registry/registry.js';
import { provinceNameEn, regionName } from '../../registry/regions.js';
import { daysBetween, wholeMonthsBetween } from '../calendar.js';
import { amount, text } from '../content.js';
import type { FeatureDefinition, LocalText } from '../features.js';
import { ENTERPRISE, latestOf, levels } from '../families/index.js';
import type { Entry } from '../history.js';

const REGISTRATION = { subjects: ENTERPRISE, categories: ['business_registration'] } as const;

const INDUSTRY_WORDS: Readonly<Record<Industry, LocalText>> = {
  manufacturing: { 'zh-CN': '制造业', en: 'manufacturing' },
  services: { 'zh-CN': '服务业', en: 'services' },
  technology: { 'zh-CN': '科技', en: 'technology' },
  trade: { 'zh-CN': '批发零售与贸易', en: 'trade' },
  catering: { 'zh-CN': '餐饮', en: 'catering' },
  construction: { 'zh-CN': '建筑业', en: 'construction' },
  agriculture: { 'zh-CN': '农林牧渔', en: 'agriculture' },
  logistics: { 'zh-CN': '交通物流', en: 'logistics' },
  other: { 'zh-CN': '其他行业', en: 'other industries' },
};

const STATUS_WORDS: Readonly<Record<string, LocalText>> = {
  active: { 'zh-CN': '存续', en: 'active' },
  abnormal: { 'zh-CN': '列入经营异常名录', en: 'listed as abnormal' },
  revoked: { 'zh-CN': '吊销', en: 'licence revoked' },
  cancelled: { 'zh-CN': '注销', en: 'deregistered' },
};

const status = (entry: Entry) => text(entry.content, 'status');

function provinceWords(code: string, locale: 'zh-CN' | 'en'): string {
  const name = locale === 'zh-CN' ? regionName(`${code}0000`) : provinceNameEn(code);
  return name ?? code;
}

/** 个体工商户: a USCC from market regulation (9) of entity type 2. */
function isIndividualBusiness(entry: Entry): number | null {
  const uscc = text(entry.content, 'uscc');
  return uscc === null ? null : uscc.startsWith('92') ? 1 : 0;
}

export const REGISTRATION_FEATURES: readonly FeatureDefinition[] = [
  latestOf(
    {
      ...REGISTRATION,
      name: 'years_since_registration',
      unit: 'years',
      label: { 'zh-CN': '成立年限', en: 'Years since registration' },
      reason: {
        'zh-CN': '企业成立时间较短：{value} 年',
        en: 'The business was registered only {value} years ago',
      },
    },
    (entry, history) => {
      const on = text(entry.content, 'established_on');
      if (on === null || on > history.asOf) return null;
      return Math.round((daysBetween(on, history.asOf) / 365.25) * 100) / 100;
    },
  ),
  latestOf(
    {
      ...REGISTRATION,
      name: 'registered_capital',
      unit: 'fen',
      label: { 'zh-CN': '注册资本', en: 'Registered capital' },
      reason: { 'zh-CN': '注册资本较低：{value}', en: 'Low registered capital: {value}' },
    },
    (entry) => amount(entry.content, 'registered_capital'),
  ),
  latestOf(
    {
      ...REGISTRATION,
      name: 'industry',
      unit: 'category',
      label: { 'zh-CN': '所属行业', en: 'Industry' },
      reason: {
        'zh-CN': '所属行业违约率较高：{value}',
        en: 'Industry with a higher default rate: {value}',
      },
      describe: levels(INDUSTRY_WORDS),
    },
    (entry) => text(entry.content, 'industry'),
  ),
  latestOf(
    {
      ...REGISTRATION,
      name: 'province',
      unit: 'category',
      label: { 'zh-CN': '登记地所在省份', en: 'Province of registration' },
      reason: {
        'zh-CN': '登记地所在省份违约率较高：{value}',
        en: 'Registered in a province with a higher default rate: {value}',
      },
      describe: provinceWords,
    },
    (entry) => text(entry.content, 'region')?.slice(0, 2) ?? null,
  ),
  latestOf(
    {
      ...REGISTRATION,
      name: 'registration_status',
      unit: 'category',
      label: { 'zh-CN': '登记状态', en: 'Registration status' },
      reason: { 'zh-CN': '企业登记状态异常：{value}', en: 'Registration status: {value}' },
      describe: levels(STATUS_WORDS),
    },
    status,
  ),
  latestOf(
    {
      ...REGISTRATION,
      name: 'listed_abnormal',
      unit: 'flag',
      label: { 'zh-CN': '列入经营异常名录', en: 'Listed as abnormal' },
      reason: {
        'zh-CN': '企业被列入经营异常名录',
        en: 'The business is on the list of abnormal operations',
      },
    },
    (entry) => (status(entry) === null ? null : status(entry) === 'abnormal' ? 1 : 0),
  ),
  latestOf(
    {
      ...REGISTRATION,
      name: 'months_listed_abnormal',
      unit: 'months',
      label: { 'zh-CN': '列入经营异常名录月数', en: 'Months listed as abnormal' },
      reason: {
        'zh-CN': '企业列入经营异常名录已 {value} 个月',
        en: 'Listed as abnormal for {value} months',
      },
    },
    (entry, history) => {
      const since = text(entry.content, 'abnormal_since');
      if (status(entry) !== 'abnormal') return status(entry) === null ? null : 0;
      return since === null || since > history.asOf ? 0 : wholeMonthsBetween(since, history.asOf);
    },
  ),
  latestOf(
    {
      ...REGISTRATION,
      name: 'business_closed',
      unit: 'flag',
      label: { 'zh-CN': '已吊销或注销', en: 'Revoked or deregistered' },
      reason: {
        'zh-CN': '企业营业执照已吊销或注销',
        en: 'The business licence has been revoked or the business deregistered',
      },
    },
    (entry) => {
      const value = status(entry);
      return value === null ? null : value === 'revoked' || value === 'cancelled' ? 1 : 0;
    },
  ),
  latestOf(
    {
      ...REGISTRATION,
      name: 'individual_business',
      unit: 'flag',
      label: { 'zh-CN': '个体工商户', en: 'Individual business (个体工商户)' },
      reason: {
        'zh-CN': '个体工商户经营规模较小、抗风险能力较弱',
        en: 'Individual businesses are small and more exposed to shocks',
      },
    },
    isIndividualBusiness,
  ),
];
