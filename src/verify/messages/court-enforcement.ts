import { sourceUnavailable, type FixTemplate, type ProblemDefinition } from './definition.js';

const OBJECT_IF_WRONG: FixTemplate = {
  action: 'file_objection',
  message: {
    'zh-CN': '如案件与您无关或信息有误（如已履行、身份被冒用），请对这条记录提出异议。',
    en: 'If the case is not yours or the record is wrong (already performed, identity misused), file an objection to it.',
  },
};

/** Court enforcement: open enforcement cases and the dishonest-debtor list (失信被执行人). */
export const COURT_ENFORCEMENT_PROBLEMS = {
  COURT_OPEN_ENFORCEMENT: {
    check: 'court_enforcement',
    message: {
      'zh-CN':
        '截至 {asOf}，法院执行信息显示以您为被执行人的案件 {caseNumber}（立案于 {filedOn}，执行标的 {amountFen}）尚未结案。',
      en: 'As of {asOf}, court enforcement data show case {caseNumber} against you (filed on {filedOn}, amount {amountFen}) still open.',
    },
    fix: {
      action: 'upload_proof',
      message: {
        'zh-CN':
          '如已履行或与申请执行人达成和解，法院数据可能尚未更新：请上传结案证明或执行和解协议，转人工审核。',
        en: 'If you have paid or settled, the court data may lag behind: upload the closing certificate or the settlement agreement for manual review.',
      },
      proofKinds: ['enforcement_closure', 'settlement_agreement'],
    },
    alternatives: [OBJECT_IF_WRONG],
  },
  COURT_DISHONEST_LISTED: {
    check: 'court_enforcement',
    message: {
      'zh-CN':
        '截至 {asOf}，您因案件 {caseNumber}（立案于 {filedOn}，涉及金额 {amountFen}）被列入失信被执行人名单。',
      en: 'As of {asOf}, you are on the list of dishonest judgment debtors for case {caseNumber} (filed on {filedOn}, amount {amountFen}).',
    },
    fix: {
      action: 'contact_provider',
      message: {
        'zh-CN':
          '请履行生效判决确定的义务或与申请执行人和解，再向执行法院申请删除失信信息；取得法院决定书后上传，转人工审核。',
        en: 'Perform the judgment or settle with the creditor, then ask the enforcing court to remove the listing; upload its decision for manual review.',
      },
      proofKinds: ['court_removal_decision'],
    },
    alternatives: [OBJECT_IF_WRONG],
  },
  COURT_SOURCE_UNAVAILABLE: sourceUnavailable('court_enforcement', {
    'zh-CN': '法院执行',
    en: 'court-enforcement',
  }),
} as const satisfies Record<string, ProblemDefinition>;
