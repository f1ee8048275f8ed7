import type { LocalText, ProofKind } from '../checks.js';

/** What each accepted proof document is called, for upload forms. */
export const PROOF_KINDS: Readonly<Record<ProofKind, LocalText>> = {
  identity_card: { 'zh-CN': '身份证正反面', en: 'Both sides of the ID card' },
  name_change_certificate: {
    'zh-CN': '户籍部门出具的姓名变更证明',
    en: 'Name-change certificate from the household-registration office',
  },
  business_licence: { 'zh-CN': '营业执照', en: 'Business licence' },
  labour_contract: { 'zh-CN': '劳动合同', en: 'Labour contract' },
  income_statement: { 'zh-CN': '单位出具的收入证明', en: "Employer's income statement" },
  bank_statement: { 'zh-CN': '近 6 个月工资流水', en: 'Salary bank statements, last 6 months' },
  social_security_certificate: {
    'zh-CN': '社保经办机构出具的参保缴费证明',
    en: 'Contribution certificate from the social-security office',
  },
  social_security_transfer: {
    'zh-CN': '社保关系转移接续凭证',
    en: 'Social-security transfer certificate',
  },
  housing_fund_certificate: {
    'zh-CN': '公积金中心出具的缴存证明',
    en: 'Deposit certificate from the housing-fund centre',
  },
  enforcement_closure: { 'zh-CN': '法院执行结案证明', en: 'Court certificate closing enforcement' },
  settlement_agreement: { 'zh-CN': '执行和解协议', en: 'Enforcement settlement agreement' },
  court_removal_decision: {
    'zh-CN': '法院删除失信信息决定书',
    en: "Court's decision removing the dishonest-debtor listing",
  },
  abnormal_list_removal: {
    'zh-CN': '移出经营异常名录决定书',
    en: 'Decision removing the business from the abnormal-operations list',
  },
};
