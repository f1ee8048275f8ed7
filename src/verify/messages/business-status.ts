import { sourceUnavailable, type FixTemplate, type ProblemDefinition } from './definition.js';

const OBJECT_IF_WRONG: FixTemplate = {
  action: 'file_objection',
  message: {
    'zh-CN': '如该登记信息有误，可对这条记录提出异议，并附上证明材料。',
    en: 'If this registration record is wrong, file an objection to it with supporting documents.',
  },
};

const WRONG_ENTERPRISE: FixTemplate = {
  action: 'correct_field',
  message: {
    'zh-CN': '如填写的不是现在的企业或工作单位，请更正统一社会信用代码。',
    en: 'If this is not your current business or employer, correct the USCC entered.',
  },
};

/**
 * Business status: the applicant enterprise, or a person's stated employer, in the market
 * regulator's registration data.
 */
export const BUSINESS_STATUS_PROBLEMS = {
  BIZ_NO_EMPLOYER_STATED: {
    check: 'business_status',
    message: {
      'zh-CN': '本产品需要核验您所在单位的经营状况，但申请中没有填写工作单位的统一社会信用代码。',
      en: "This product checks your employer's business status, but the application gives no employer USCC.",
    },
    fix: {
      action: 'correct_field',
      message: {
        'zh-CN': '请填写工作单位的统一社会信用代码（见单位营业执照）。',
        en: "Enter your employer's USCC (printed on its business licence).",
      },
    },
  },
  BIZ_USCC_INVALID: {
    check: 'business_status',
    message: {
      'zh-CN': '统一社会信用代码 {uscc} 无效（应为 18 位且校验码相符），无法查询经营状况。',
      en: 'The USCC {uscc} is not valid (it needs 18 characters and a matching check character), so its business status cannot be looked up.',
    },
    fix: {
      action: 'correct_field',
      message: {
        'zh-CN': '请对照营业执照核对统一社会信用代码。',
        en: 'Check the code against the business licence.',
      },
    },
  },
  BIZ_NOT_REGISTERED: {
    check: 'business_status',
    message: {
      'zh-CN': '截至 {asOf}，市场监管登记数据中没有统一社会信用代码为 {uscc} 的主体。',
      en: 'As of {asOf}, the business-registration data hold no entity with the USCC {uscc}.',
    },
    fix: {
      action: 'correct_field',
      message: {
        'zh-CN': '请核对统一社会信用代码是否填写正确。',
        en: 'Check that the USCC was entered correctly.',
      },
    },
    alternatives: [
      {
        action: 'upload_proof',
        message: {
          'zh-CN': '如为新近登记的主体，登记数据同步可能滞后，可上传营业执照，转人工审核。',
          en: 'A newly registered business may not have reached the data yet: upload the business licence for manual review.',
        },
        proofKinds: ['business_licence'],
      },
    ],
  },
  BIZ_REVOKED: {
    check: 'business_status',
    message: {
      'zh-CN': '截至 {asOf}，“{name}”（{uscc}）的营业执照已被吊销。',
      en: 'As of {asOf}, the business licence of "{name}" ({uscc}) has been revoked.',
    },
    fix: OBJECT_IF_WRONG,
    alternatives: [WRONG_ENTERPRISE],
  },
  BIZ_CANCELLED: {
    check: 'business_status',
    message: {
      'zh-CN': '截至 {asOf}，“{name}”（{uscc}）已注销登记。',
      en: 'As of {asOf}, "{name}" ({uscc}) has been deregistered.',
    },
    fix: OBJECT_IF_WRONG,
    alternatives: [WRONG_ENTERPRISE],
  },
  BIZ_ABNORMAL: {
    check: 'business_status',
    message: {
      'zh-CN': '截至 {asOf}，“{name}”（{uscc}）自 {abnormalSinceOn} 起被列入经营异常名录。',
      en: 'As of {asOf}, "{name}" ({uscc}) has been on the list of abnormal operations since {abnormalSinceOn}.',
    },
    fix: {
      action: 'contact_provider',
      message: {
        'zh-CN':
          '常见原因是未按时报送年度报告或登记地址无法联系。补报年报或更正登记信息后，向登记机关申请移出经营异常名录，再上传移出决定书。',
        en: 'The usual causes are a missed annual report or an unreachable registered address. File the report or correct the registration, ask the registering authority to remove the listing, then upload its decision.',
      },
      proofKinds: ['abnormal_list_removal'],
    },
    alternatives: [OBJECT_IF_WRONG],
  },
  BIZ_TOO_YOUNG: {
    check: 'business_status',
    message: {
      'zh-CN':
        '“{name}”成立于 {establishedOn}，至申请日成立 {ageMonths} 个月，本产品要求成立满 {minimumMonths} 个月。',
      en: '"{name}" was established on {establishedOn}, {ageMonths} months before the application; this product requires {minimumMonths} months.',
    },
    fix: {
      action: 'reapply_later',
      message: {
        'zh-CN': '请于 {eligibleOn} 起再申请，或选择对成立时间要求更短的产品。',
        en: 'Apply again from {eligibleOn}, or choose a product that accepts younger businesses.',
      },
    },
    alternatives: [OBJECT_IF_WRONG],
  },
  BIZ_SOURCE_UNAVAILABLE: sourceUnavailable('business_status', {
    'zh-CN': '市场监管登记',
    en: 'business-registration',
  }),
} as const satisfies Record<string, ProblemDefinition>;
