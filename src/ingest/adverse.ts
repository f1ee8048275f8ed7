/**
 * Which records are adverse, by category: arrears, a stopped or sealed account, an open
 * enforcement case, a penalty, a dishonest rating, an abnormal or revoked registration. One
 * rule per category, read by post-loan monitoring and by objection triage. Pure.
 */
export interface AdverseRule {
  /** The field whose value makes the record adverse. */
  readonly field: string;
  readonly isAdverse: (content: Readonly<Record<string, unknown>>) => boolean;
  readonly label: Readonly<Record<'zh-CN' | 'en', string>>;
}

const valueIn =
  (field: string, ...values: string[]) =>
  (content: Readonly<Record<string, unknown>>) => {
    const value = content[field];
    return typeof value === 'string' && values.includes(value);
  };

export const ADVERSE_RULES: Readonly<Record<string, AdverseRule>> = {
  tax: {
    field: 'arrears',
    isAdverse: (content) => Number(content.arrears ?? 0) > 0,
    label: { 'zh-CN': '欠税', en: 'tax arrears' },
  },
  social_security: {
    field: 'status',
    isAdverse: valueIn('status', 'arrears', 'suspended'),
    label: { 'zh-CN': '社保欠缴或停缴', en: 'social security in arrears or stopped' },
  },
  housing_fund: {
    field: 'account_status',
    isAdverse: valueIn('account_status', 'sealed', 'closed'),
    label: { 'zh-CN': '公积金账户封存或销户', en: 'housing fund account sealed or closed' },
  },
  customs: {
    field: 'credit_rating',
    isAdverse: valueIn('credit_rating', 'dishonest'),
    label: { 'zh-CN': '海关失信企业', en: 'customs dishonest rating' },
  },
  judicial: {
    field: 'status',
    // Only a case against the subject counts: a plaintiff's open case is no warning sign.
    isAdverse: (content) =>
      valueIn('status', 'open')(content) &&
      valueIn('role', 'defendant', 'executed_person')(content),
    label: { 'zh-CN': '涉诉或被执行', en: 'lawsuit or enforcement against the subject' },
  },
  administrative: {
    field: 'kind',
    isAdverse: valueIn('kind', 'penalty'),
    label: { 'zh-CN': '行政处罚', en: 'administrative penalty' },
  },
  business_registration: {
    field: 'status',
    isAdverse: valueIn('status', 'abnormal', 'revoked', 'cancelled'),
    label: { 'zh-CN': '经营异常、吊销或注销', en: 'abnormal, revoked or cancelled registration' },
  },
};

export const ADVERSE_CATEGORIES = Object.keys(ADVERSE_RULES);

export function isAdverseRecord(record: {
  readonly category: string;
  readonly content: Readonly<Record<string, unknown>>;
}): boolean {
  return ADVERSE_RULES[record.category]?.isAdverse(record.content) ?? false;
}
