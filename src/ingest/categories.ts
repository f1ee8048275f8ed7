/**
 * The twelve record categories providers deliver (each gets a versioned canonical schema
 * with the ingest domain). Consent names them, so their codes are stable API.
 */
export const RECORD_CATEGORIES = {
  business_registration: { 'zh-CN': '市场监管（工商登记）', en: 'Business registration' },
  tax: { 'zh-CN': '税务', en: 'Tax' },
  social_security: { 'zh-CN': '社保', en: 'Social security' },
  housing_fund: { 'zh-CN': '住房公积金', en: 'Housing provident fund' },
  customs: { 'zh-CN': '海关', en: 'Customs' },
  utilities: { 'zh-CN': '水电气', en: 'Utilities' },
  judicial: { 'zh-CN': '司法（诉讼与执行）', en: 'Courts and enforcement' },
  administrative: { 'zh-CN': '行政处罚与表彰', en: 'Administrative penalties and commendations' },
  credit_bureau: { 'zh-CN': '征信', en: 'Credit bureau summary' },
  property: { 'zh-CN': '不动产与抵押', en: 'Property and collateral' },
  procurement: { 'zh-CN': '政府采购与招投标', en: 'Government procurement and bidding' },
  self_reported: { 'zh-CN': '企业自报', en: 'Self-reported finance' },
} as const;

export type RecordCategory = keyof typeof RECORD_CATEGORIES;

export const RECORD_CATEGORY_CODES = Object.keys(RECORD_CATEGORIES) as RecordCategory[];
