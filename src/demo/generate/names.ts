/**
 * Chinese names for demo subjects: persons (surname by its rough frequency, a one- or
 * two-character given name) and enterprises (城市 + 字号 + 行业 + 组织形式, or a 个体工商户's
 * shop name). Made-up combinations: any likeness to a real business is chance.
 */
import type { Industry } from '../../registry/registry.js';
import type { Rng } from './prng.js';

/** The commonest surnames with rough relative frequencies (per mille of the population). */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 71],
  ['李', 70],
  ['张', 68],
  ['刘', 53],
  ['陈', 45],
  ['杨', 31],
  ['黄', 22],
  ['赵', 22],
  ['吴', 20],
  ['周', 19],
  ['徐', 15],
  ['孙', 15],
  ['马', 14],
  ['朱', 14],
  ['胡', 13],
  ['郭', 12],
  ['何', 12],
  ['高', 11],
  ['林', 11],
  ['罗', 10],
  ['郑', 10],
  ['梁', 9],
  ['谢', 8],
  ['宋', 8],
  ['唐', 8],
  ['许', 7],
  ['韩', 7],
  ['冯', 7],
  ['邓', 7],
  ['曹', 7],
  ['彭', 6],
  ['曾', 6],
  ['肖', 6],
  ['田', 6],
  ['董', 6],
  ['袁', 5],
  ['潘', 5],
  ['于', 5],
  ['蒋', 5],
  ['蔡', 5],
  ['余', 5],
  ['杜', 5],
  ['叶', 5],
  ['程', 5],
  ['苏', 4],
  ['魏', 4],
  ['吕', 4],
  ['丁', 4],
  ['任', 4],
  ['沈', 4],
  ['姚', 4],
  ['卢', 4],
  ['姜', 4],
  ['崔', 4],
  ['钟', 4],
  ['谭', 3],
  ['陆', 3],
  ['汪', 3],
  ['范', 3],
  ['金', 3],
  ['欧阳', 1],
  ['司马', 0.3],
  ['诸葛', 0.2],
];

const MALE_CHARACTERS = Array.from(
  '伟强磊军勇杰涛明超辉刚平斌鹏华建国志宇浩俊峰波晨阳亮东海林文斌凯鑫博昊然轩宏毅成康振',
);
const FEMALE_CHARACTERS = Array.from(
  '芳娜敏静丽艳娟霞玲燕萍红婷雪琳晶颖慧倩洁梅兰月蓉欣怡佳雨涵琪萱悦瑶璐薇妍诗梦嘉',
);

export function personName(rng: Rng, sex: 'male' | 'female'): string {
  const surname = rng.weighted(SURNAMES);
  const pool = sex === 'male' ? MALE_CHARACTERS : FEMALE_CHARACTERS;
  const given = rng.chance(0.72) ? rng.pick(pool) + rng.pick(pool) : rng.pick(pool);
  return surname + given;
}

/** Trade-name (字号) characters, combined two at a time. */
const TRADE_NAME_CHARACTERS = Array.from(
  '恒达华盛鑫源嘉禾泰瑞丰宏远通新博创金海星辉晨锦汇隆德信和安康润宇航昌祥兴顺美佳正中天诚凯豪益富联众旺永利腾飞',
);

const INDUSTRY_TERMS: Readonly<Record<Industry, readonly string[]>> = {
  manufacturing: [
    '精密机械',
    '塑料制品',
    '纺织',
    '五金制品',
    '食品',
    '包装材料',
    '家具',
    '汽车配件',
    '电气设备',
    '模具',
  ],
  services: [
    '商务咨询',
    '物业管理',
    '家政服务',
    '广告',
    '文化传媒',
    '人力资源',
    '会展服务',
    '教育咨询',
  ],
  technology: ['网络科技', '信息技术', '软件', '智能科技', '数据科技', '电子科技', '生物科技'],
  trade: ['贸易', '商贸', '进出口', '供应链管理', '电子商务', '建材', '医疗器械销售'],
  catering: ['餐饮管理', '餐饮', '酒店管理', '食品连锁'],
  construction: ['建筑工程', '建设工程', '装饰工程', '市政工程', '钢结构工程', '劳务'],
  agriculture: ['农业开发', '生态农业', '农业科技', '种植', '养殖', '茶业'],
  logistics: ['物流', '运输', '仓储', '快递服务', '货运代理'],
  other: ['实业', '发展', '环保科技', '新能源', '文化旅游'],
};

const SHOP_TERMS: Readonly<Record<Industry, readonly string[]>> = {
  manufacturing: ['加工厂', '五金加工部', '服装加工坊'],
  services: ['理发店', '家电维修部', '洗衣店', '打印店', '美容院'],
  technology: ['电脑维修部', '手机维修店'],
  trade: ['便利店', '日用品店', '五金店', '建材经营部', '水果店', '服装店'],
  catering: ['小吃店', '面馆', '餐馆', '饭店', '烧烤店', '早餐店'],
  construction: ['装修队', '水电安装部'],
  agriculture: ['家庭农场', '种植场', '养殖场'],
  logistics: ['快运服务部', '搬家服务部'],
  other: ['经营部', '综合店'],
};

/** A company name: `杭州恒达精密机械有限公司`. */
export function companyName(
  rng: Rng,
  city: string,
  industry: Industry,
  size: 'micro' | 'small' | 'medium',
): string {
  const tradeName = rng.pick(TRADE_NAME_CHARACTERS) + rng.pick(TRADE_NAME_CHARACTERS);
  const form =
    size === 'medium' && rng.chance(0.3)
      ? '股份有限公司'
      : rng.chance(0.15)
        ? '有限责任公司'
        : '有限公司';
  return `${city}${tradeName}${rng.pick(INDUSTRY_TERMS[industry])}${form}`;
}

/** A 个体工商户 name: `西湖区老王面馆`, `余杭区张记便利店`. */
export function shopName(rng: Rng, county: string, industry: Industry, surname: string): string {
  const owner = rng.chance(0.5) ? `老${surname}` : `${surname}记`;
  return `${county}${owner}${rng.pick(SHOP_TERMS[industry])}`;
}

export function surnameOf(rng: Rng): string {
  return rng.weighted(SURNAMES);
}

/** Provinces' one-character abbreviations (简称), by the two-digit province code. */
export const PROVINCE_ABBREVIATION: Readonly<Record<string, string>> = {
  '11': '京',
  '12': '津',
  '13': '冀',
  '14': '晋',
  '15': '蒙',
  '21': '辽',
  '22': '吉',
  '23': '黑',
  '31': '沪',
  '32': '苏',
  '33': '浙',
  '34': '皖',
  '35': '闽',
  '36': '赣',
  '37': '鲁',
  '41': '豫',
  '42': '鄂',
  '43': '湘',
  '44': '粤',
  '45': '桂',
  '46': '琼',
  '50': '渝',
  '51': '川',
  '52': '贵',
  '53': '云',
  '54': '藏',
  '61': '陕',
  '62': '甘',
  '63': '青',
  '64': '宁',
  '65': '新',
};
