import type { Translate } from '../app/i18n';
import type { Locale } from '../i18n/catalogue';
import type { MessageKey } from '../i18n/messages';
import { regulatorMessages } from './messages';

/** Provinces by the first two digits of a GB/T 2260 code, in both languages. */
const PROVINCES: Readonly<Record<string, readonly [string, string]>> = {
  '11': ['北京', 'Beijing'],
  '12': ['天津', 'Tianjin'],
  '13': ['河北', 'Hebei'],
  '14': ['山西', 'Shanxi'],
  '15': ['内蒙古', 'Inner Mongolia'],
  '21': ['辽宁', 'Liaoning'],
  '22': ['吉林', 'Jilin'],
  '23': ['黑龙江', 'Heilongjiang'],
  '31': ['上海', 'Shanghai'],
  '32': ['江苏', 'Jiangsu'],
  '33': ['浙江', 'Zhejiang'],
  '34': ['安徽', 'Anhui'],
  '35': ['福建', 'Fujian'],
  '36': ['江西', 'Jiangxi'],
  '37': ['山东', 'Shandong'],
  '41': ['河南', 'Henan'],
  '42': ['湖北', 'Hubei'],
  '43': ['湖南', 'Hunan'],
  '44': ['广东', 'Guangdong'],
  '45': ['广西', 'Guangxi'],
  '46': ['海南', 'Hainan'],
  '50': ['重庆', 'Chongqing'],
  '51': ['四川', 'Sichuan'],
  '52': ['贵州', 'Guizhou'],
  '53': ['云南', 'Yunnan'],
  '54': ['西藏', 'Tibet'],
  '61': ['陕西', 'Shaanxi'],
  '62': ['甘肃', 'Gansu'],
  '63': ['青海', 'Qinghai'],
  '64': ['宁夏', 'Ningxia'],
  '65': ['新疆', 'Xinjiang'],
  '71': ['台湾', 'Taiwan'],
  '81': ['香港', 'Hong Kong'],
  '82': ['澳门', 'Macao'],
};

const known = (key: string): key is MessageKey => key in regulatorMessages['zh-CN'];

/**
 * A statistics group in the reader's language: an industry, a scorecard segment, a province
 * (`440000`), or the groups the API adds (persons, unknown, not scored). An unknown code is
 * shown as it came.
 */
export function groupLabel(t: Translate, locale: Locale, group: string): string {
  const province = /^(\d{2})0000$/.exec(group);
  if (province) {
    const names = PROVINCES[province[1] ?? ''];
    return names ? names[locale === 'zh-CN' ? 0 : 1] : group;
  }
  for (const key of [`regulator.group.${group}`, `regulator.industry.${group}`]) {
    if (known(key)) return t(key);
  }
  return group;
}

export function categoryLabel(t: Translate, category: string): string {
  const key = `regulator.category.${category}`;
  return known(key) ? t(key) : category;
}

export function objectionStatusLabel(t: Translate, status: string): string {
  const key = `regulator.objection.${status}`;
  return known(key) ? t(key) : status;
}

/** A share 0..1 as a percentage number with one decimal, for a chart axis. */
export const percent = (share: number | null) =>
  share === null ? null : Math.round(share * 1000) / 10;
