import { sourceUnavailable, type ProblemDefinition } from './definition.js';

/** Social security: the person's own contribution records, month by month. */
export const SOCIAL_SECURITY_PROBLEMS = {
  SS_NO_ACCOUNT: {
    check: 'social_security',
    message: {
      'zh-CN': '截至 {asOf}，社保数据中没有该身份证号的参保缴费记录。',
      en: 'As of {asOf}, the social-security data hold no contribution record for this resident ID.',
    },
    fix: {
      action: 'upload_proof',
      message: {
        'zh-CN':
          '如您在外地参保、刚入职或以灵活就业身份参保，可上传劳动合同、收入证明或参保缴费证明，转人工审核。',
        en: 'If you are insured in another city, have just started a job or contribute as self-employed, upload a labour contract, an income statement or a contribution certificate for manual review.',
      },
      proofKinds: ['labour_contract', 'income_statement', 'social_security_certificate'],
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
  SS_NOT_CONTINUOUS: {
    check: 'social_security',
    message: {
      'zh-CN':
        '截至 {asOf}，本产品要求近 {requiredMonths} 个月（{fromMonth} 至 {toMonth}）连续缴纳社保，其中 {missingMonths} 缺缴。',
      en: 'As of {asOf}, this product requires {requiredMonths} months of unbroken contributions ({fromMonth} to {toMonth}); nothing was paid for {missingMonths}.',
    },
    fix: {
      action: 'upload_proof',
      message: {
        'zh-CN': '如断缴是因为换工作，请上传劳动合同、收入证明或工资流水，转人工审核。',
        en: 'If the gap comes from a change of job, upload a labour contract, an income statement or salary bank statements for manual review.',
      },
      proofKinds: ['labour_contract', 'income_statement', 'bank_statement'],
    },
    alternatives: [
      {
        action: 'contact_provider',
        message: {
          'zh-CN': '如是单位漏缴，请单位为 {missingMonths} 补缴，入账后重新检查。',
          en: 'If your employer missed the payments, ask it to pay {missingMonths}, then run the check again once they are booked.',
        },
      },
    ],
  },
  SS_EMPLOYER_MISMATCH: {
    check: 'social_security',
    message: {
      'zh-CN':
        '截至 {asOf}，您最近一个月（{latestMonth}）的社保由“{currentEmployer}”缴纳，与您填写的工作单位“{statedEmployer}”不一致。',
      en: 'As of {asOf}, your latest contributions ({latestMonth}) were paid by "{currentEmployer}", not by the employer you entered, "{statedEmployer}".',
    },
    fix: {
      action: 'correct_field',
      message: {
        'zh-CN': '如工作单位填写有误，请更正。',
        en: 'If you entered the wrong employer, correct it.',
      },
    },
    alternatives: [
      {
        action: 'upload_proof',
        message: {
          'zh-CN':
            '如您刚换工作、新单位尚未为您参保，请上传与新单位的劳动合同或收入证明，转人工审核。',
          en: 'If you have just changed jobs and the new employer has not enrolled you yet, upload the new labour contract or an income statement for manual review.',
        },
        proofKinds: ['labour_contract', 'income_statement'],
      },
    ],
  },
  SS_BASE_BELOW_MINIMUM: {
    check: 'social_security',
    message: {
      'zh-CN':
        '截至 {asOf}，您 {latestMonth} 的社保缴费基数为 {baseFen}，低于本产品要求的 {minimumFen}。',
      en: 'As of {asOf}, your contribution base for {latestMonth} is {baseFen}, below the {minimumFen} this product requires.',
    },
    fix: {
      action: 'upload_proof',
      message: {
        'zh-CN': '如实际收入高于缴费基数，请上传收入证明或工资流水，转人工审核。',
        en: 'If you earn more than the base, upload an income statement or salary bank statements for manual review.',
      },
      proofKinds: ['income_statement', 'bank_statement'],
    },
  },
  SS_BASE_BELOW_INCOME: {
    check: 'social_security',
    message: {
      'zh-CN':
        '截至 {asOf}，您 {latestMonth} 的社保缴费基数为 {baseFen}，不到您填写的月收入 {statedIncomeFen}的 {percent}%。',
      en: 'As of {asOf}, your contribution base for {latestMonth} is {baseFen}, less than {percent}% of the monthly income you stated, {statedIncomeFen}.',
    },
    fix: {
      action: 'upload_proof',
      message: {
        'zh-CN':
          '缴费基数有上限且不含部分奖金，低于实际收入并不少见。请上传收入证明或工资流水，转人工审核。',
        en: 'The base is capped and leaves out some bonuses, so a base below real pay is common. Upload an income statement or salary bank statements for manual review.',
      },
      proofKinds: ['income_statement', 'bank_statement'],
    },
    alternatives: [
      {
        action: 'correct_field',
        message: {
          'zh-CN': '如月收入填写有误，请更正。',
          en: 'If the monthly income was entered wrongly, correct it.',
        },
      },
    ],
  },
  SS_OTHER_CITY: {
    check: 'social_security',
    message: {
      'zh-CN':
        '截至 {asOf}，您近期的社保只在 {recordCities} 缴纳，没有在您填写的所在城市 {statedCity} 缴纳。',
      en: 'As of {asOf}, your recent contributions were paid only in {recordCities}, not in {statedCity}, the city you entered.',
    },
    fix: {
      action: 'upload_proof',
      message: {
        'zh-CN':
          '异地参保同样有效：刚迁来工作的，在社保关系转移办结前，记录仍留在原参保地。请上传转移接续凭证、本地劳动合同或原参保地的参保缴费证明，转人工审核。',
        en: 'Contributions elsewhere count too: after a move, the records stay with the previous city until the transfer is completed. Upload the transfer certificate, a local labour contract or a contribution certificate from the other city for manual review.',
      },
      proofKinds: ['social_security_transfer', 'labour_contract', 'social_security_certificate'],
    },
    alternatives: [
      {
        action: 'correct_field',
        message: {
          'zh-CN': '如所在城市填写有误，请更正。',
          en: 'If the city was entered wrongly, correct it.',
        },
      },
    ],
  },
  SS_ARREARS: {
    check: 'social_security',
    message: {
      'zh-CN': '截至 {asOf}，社保数据显示 {months} 处于欠缴状态（已申报但未足额缴纳）。',
      en: 'As of {asOf}, the social-security data show arrears for {months} (declared but not fully paid).',
    },
    fix: {
      action: 'contact_provider',
      message: {
        'zh-CN': '请联系单位补缴欠费，入账后重新检查。',
        en: 'Ask your employer to pay the arrears, then run the check again once they are booked.',
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
  SS_SUSPENDED: {
    check: 'social_security',
    message: {
      'zh-CN':
        '截至 {asOf}，您的社保在 {months} 处于暂停参保（停保）状态，通常是离职后原单位办理了减员。',
      en: 'As of {asOf}, your insurance was suspended in {months}, which usually means a former employer took you off its payroll.',
    },
    fix: {
      action: 'upload_proof',
      message: {
        'zh-CN':
          '如您已在新单位工作，请上传劳动合同或收入证明，转人工审核，并请新单位尽快为您参保。',
        en: 'If you work for a new employer, upload the labour contract or an income statement for manual review, and ask the employer to enrol you.',
      },
      proofKinds: ['labour_contract', 'income_statement'],
    },
    alternatives: [
      {
        action: 'contact_provider',
        message: {
          'zh-CN': '如停保有误，请联系单位或社保经办机构核实。',
          en: 'If the suspension is a mistake, ask your employer or the social-security office to check it.',
        },
      },
    ],
  },
  SS_SOURCE_UNAVAILABLE: sourceUnavailable('social_security', {
    'zh-CN': '社保',
    en: 'social-security',
  }),
} as const satisfies Record<string, ProblemDefinition>;
