import { sourceUnavailable, type ProblemDefinition } from './definition.js';

/** Housing provident fund: the person's deposits over the last twelve months. */
export const HOUSING_FUND_PROBLEMS = {
  HF_NO_ACCOUNT: {
    check: 'housing_fund',
    message: {
      'zh-CN': '截至 {asOf}，公积金数据中没有该身份证号的缴存记录。',
      en: 'As of {asOf}, the housing-fund data hold no deposit record for this resident ID.',
    },
    fix: {
      action: 'upload_proof',
      message: {
        'zh-CN':
          '并非所有单位都缴存公积金。可上传劳动合同、收入证明或外地公积金中心的缴存证明，转人工审核。',
        en: 'Not every employer pays into the housing fund. Upload a labour contract, an income statement or a deposit certificate from another city for manual review.',
      },
      proofKinds: ['labour_contract', 'income_statement', 'housing_fund_certificate'],
    },
    alternatives: [
      {
        action: 'correct_field',
        message: {
          'zh-CN': '也请核对身份证号是否填写正确。',
          en: 'Also check that the resident ID was entered correctly.',
        },
      },
    ],
  },
  HF_ACCOUNT_SEALED: {
    check: 'housing_fund',
    message: {
      'zh-CN':
        '截至 {asOf}，您的公积金账户处于封存状态（最近记录为 {latestMonth}），通常是离职后未在新单位继续缴存。',
      en: 'As of {asOf}, your housing-fund account is sealed (latest record {latestMonth}), which usually means deposits stopped when you left a job.',
    },
    fix: {
      action: 'upload_proof',
      message: {
        'zh-CN':
          '如已入职新单位，请让新单位办理转移并恢复缴存，同时上传劳动合同或收入证明，转人工审核。',
        en: 'If you have a new employer, ask it to transfer the account and resume deposits, and upload the labour contract or an income statement for manual review.',
      },
      proofKinds: ['labour_contract', 'income_statement'],
    },
    alternatives: [
      {
        action: 'contact_provider',
        message: {
          'zh-CN': '如封存有误，请联系单位或公积金中心核实。',
          en: 'If the account should not be sealed, ask your employer or the housing-fund centre.',
        },
      },
    ],
  },
  HF_ACCOUNT_CLOSED: {
    check: 'housing_fund',
    message: {
      'zh-CN': '截至 {asOf}，您的公积金账户已销户（最近记录为 {latestMonth}）。',
      en: 'As of {asOf}, your housing-fund account is closed (latest record {latestMonth}).',
    },
    fix: {
      action: 'upload_proof',
      message: {
        'zh-CN':
          '如已在其他城市开户缴存，请上传当地公积金中心的缴存证明；否则可上传劳动合同或收入证明，转人工审核。',
        en: "If you now pay into another city's fund, upload its deposit certificate; otherwise upload a labour contract or an income statement for manual review.",
      },
      proofKinds: ['housing_fund_certificate', 'labour_contract', 'income_statement'],
    },
  },
  HF_TOO_FEW_MONTHS: {
    check: 'housing_fund',
    message: {
      'zh-CN':
        '截至 {asOf}，近 12 个月（{fromMonth} 至 {toMonth}）您有 {paidMonths} 个月缴存公积金，本产品要求至少 {requiredMonths} 个月；未缴存的月份：{unpaidMonths}。',
      en: 'As of {asOf}, you paid into the housing fund in {paidMonths} of the last 12 months ({fromMonth} to {toMonth}); this product requires {requiredMonths}. Months without a deposit: {unpaidMonths}.',
    },
    fix: {
      action: 'upload_proof',
      message: {
        'zh-CN': '如因换工作中断，请上传劳动合同、收入证明或工资流水，转人工审核。',
        en: 'If deposits stopped with a change of job, upload a labour contract, an income statement or salary bank statements for manual review.',
      },
      proofKinds: ['labour_contract', 'income_statement', 'bank_statement'],
    },
    alternatives: [
      {
        action: 'contact_provider',
        message: {
          'zh-CN': '漏缴的月份可请单位补缴，入账后重新检查。',
          en: 'Ask your employer to make up the missing months, then run the check again once they are booked.',
        },
      },
    ],
  },
  HF_ARREARS: {
    check: 'housing_fund',
    message: {
      'zh-CN': '截至 {asOf}，您的公积金账户在 {months} 有缴存基数但实缴金额为 0，属于单位欠缴。',
      en: 'As of {asOf}, your housing-fund account shows a deposit base but nothing paid for {months}: your employer is in arrears.',
    },
    fix: {
      action: 'contact_provider',
      message: {
        'zh-CN': '请联系单位为 {months} 补缴，入账后重新检查。',
        en: 'Ask your employer to pay {months}, then run the check again once they are booked.',
      },
    },
    alternatives: [
      {
        action: 'upload_proof',
        message: {
          'zh-CN': '也可上传劳动合同和工资流水，转人工审核。',
          en: 'Or upload a labour contract and salary bank statements for manual review.',
        },
        proofKinds: ['labour_contract', 'bank_statement'],
      },
    ],
  },
  HF_SOURCE_UNAVAILABLE: sourceUnavailable('housing_fund', {
    'zh-CN': '住房公积金',
    en: 'housing-fund',
  }),
} as const satisfies Record<string, ProblemDefinition>;
