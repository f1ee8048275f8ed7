import { sourceUnavailable, type FixTemplate, type ProblemDefinition } from './definition.js';

const RETYPE_ID: FixTemplate = {
  action: 'correct_field',
  message: {
    'zh-CN': '请对照身份证逐位核对并重新填写身份证号。',
    en: 'Check the number against your ID card, character by character, and enter it again.',
  },
};

const RETYPE_USCC: FixTemplate = {
  action: 'correct_field',
  message: {
    'zh-CN': '请对照营业执照逐位核对并重新填写统一社会信用代码。',
    en: 'Check the code against the business licence, character by character, and enter it again.',
  },
};

/** Identity: the identifier as typed, the applicant's age, and the platform registry. */
export const IDENTITY_PROBLEMS = {
  ID_LENGTH_INVALID: {
    check: 'identity',
    message: {
      'zh-CN':
        '身份证号应为 18 位，您填写的是 {length} 位。15 位的旧号码已不再使用，请填写第二代身份证上的号码。',
      en: 'A resident ID has 18 characters; the one entered has {length}. Old 15-digit numbers are no longer used: enter the number on your second-generation ID card.',
    },
    fix: RETYPE_ID,
  },
  ID_CHARSET_INVALID: {
    check: 'identity',
    message: {
      'zh-CN': '身份证号由 17 位数字加最后一位数字或 X 组成，您填写的号码含有其他字符。',
      en: 'A resident ID is 17 digits followed by a digit or X; the one entered contains other characters.',
    },
    fix: RETYPE_ID,
  },
  ID_REGION_INVALID: {
    check: 'identity',
    message: {
      'zh-CN': '身份证号前 6 位 {regionCode} 不是有效的行政区划代码，可能有数字输错。',
      en: 'The first six digits, {regionCode}, are not a valid region code; a digit may be mistyped.',
    },
    fix: RETYPE_ID,
  },
  ID_BIRTH_DATE_INVALID: {
    check: 'identity',
    message: {
      'zh-CN':
        '身份证号第 7–14 位 {birthDigits} 不是有效的出生日期（应为 1900 年以后、不晚于今天的真实日期）。',
      en: 'Digits 7–14, {birthDigits}, are not a valid date of birth (a real date from 1900 up to today).',
    },
    fix: RETYPE_ID,
  },
  ID_CHECK_DIGIT_INVALID: {
    check: 'identity',
    message: {
      'zh-CN': '身份证号最后一位校验码与前 17 位不符：可能有一位数字输错，或相邻两位颠倒。',
      en: 'The last (check) character does not match the first 17 digits: a digit may be mistyped or two neighbours swapped.',
    },
    fix: RETYPE_ID,
  },
  ID_BIRTH_DATE_IMPLAUSIBLE: {
    check: 'identity',
    message: {
      'zh-CN': '按身份证号，出生日期为 {birthOn}，即 {age} 周岁，不合常理，出生年份可能输错。',
      en: 'The resident ID gives a date of birth of {birthOn}, an age of {age}, which is not plausible; the year of birth may be mistyped.',
    },
    fix: RETYPE_ID,
  },
  ID_UNDER_AGE: {
    check: 'identity',
    message: {
      'zh-CN':
        '按身份证号，您出生于 {birthOn}，申请日为 {age} 周岁；本产品要求申请人年满 {minimumAge} 周岁。',
      en: 'According to the resident ID you were born on {birthOn} and are {age} on the application date; this product requires applicants aged {minimumAge} or over.',
    },
    fix: {
      action: 'reapply_later',
      message: { 'zh-CN': '请于 {eligibleOn} 起再申请。', en: 'You can apply from {eligibleOn}.' },
    },
    alternatives: [
      {
        action: 'correct_field',
        message: {
          'zh-CN': '如出生日期不对，请核对填写的身份证号。',
          en: 'If that date of birth is wrong, check the resident ID you entered.',
        },
      },
    ],
  },
  ID_NAME_MISMATCH: {
    check: 'identity',
    message: {
      'zh-CN':
        '您填写的姓名“{enteredName}”与该身份证号登记的姓名（{registeredName}）不一致（登记信息截至 {asOf}）。',
      en: 'The name entered, "{enteredName}", differs from the name registered for this resident ID ({registeredName}; registry as of {asOf}).',
    },
    fix: {
      action: 'correct_field',
      message: {
        'zh-CN': '请按身份证上的姓名填写，留意同音字、生僻字和少数民族姓名中的间隔号“·”。',
        en: 'Enter your name exactly as on your ID card; watch for homophones, rare characters and the middle dot "·" in some names.',
      },
    },
    alternatives: [
      {
        action: 'upload_proof',
        message: {
          'zh-CN': '如近期改过名，请上传户籍部门出具的姓名变更证明和新身份证，转人工审核。',
          en: 'If you changed your name recently, upload the name-change certificate and your new ID card for manual review.',
        },
        proofKinds: ['name_change_certificate', 'identity_card'],
      },
    ],
  },
  ID_ENTERPRISE_NAME_MISMATCH: {
    check: 'identity',
    message: {
      'zh-CN':
        '您填写的企业名称“{enteredName}”与该统一社会信用代码的登记名称“{registeredName}”不一致（登记信息截至 {asOf}）。',
      en: 'The name entered, "{enteredName}", differs from the name registered for this USCC, "{registeredName}" (registry as of {asOf}).',
    },
    fix: {
      action: 'correct_field',
      message: {
        'zh-CN': '请按营业执照上的名称完整填写（包括括号内的文字）。',
        en: 'Enter the full name exactly as on the business licence, including any words in brackets.',
      },
    },
    alternatives: [
      {
        action: 'upload_proof',
        message: {
          'zh-CN': '如近期已办理名称变更，请上传变更后的营业执照，转人工审核。',
          en: 'If the name was changed recently, upload the new business licence for manual review.',
        },
        proofKinds: ['business_licence'],
      },
    ],
  },
  ID_NOT_REGISTERED: {
    check: 'identity',
    message: {
      'zh-CN': '截至 {asOf}，平台上没有以该证件号完成的实名注册。',
      en: 'As of {asOf}, nobody has registered on the platform with this identifier.',
    },
    fix: {
      action: 'register',
      message: {
        'zh-CN':
          '请先在平台完成实名注册（个人：身份证号、姓名和手机号；企业：统一社会信用代码和营业执照），注册后重新检查。',
        en: 'Register on the platform first (a person with resident ID, name and mobile number; an enterprise with its USCC and business licence), then run the check again.',
      },
    },
    alternatives: [
      {
        action: 'correct_field',
        message: {
          'zh-CN': '如您已经注册，请核对证件号是否填错。',
          en: 'If you have registered already, check the identifier you entered.',
        },
      },
    ],
  },
  ID_USCC_LENGTH_INVALID: {
    check: 'identity',
    message: {
      'zh-CN': '统一社会信用代码应为 18 位，您填写的是 {length} 位。',
      en: 'A USCC has 18 characters; the one entered has {length}.',
    },
    fix: RETYPE_USCC,
  },
  ID_USCC_CHARACTER_INVALID: {
    check: 'identity',
    message: {
      'zh-CN':
        '统一社会信用代码第 {position} 位有误：代码不使用字母 I、O、Z、S、V，前两位为登记管理部门和机构类别，第 3–8 位为行政区划代码。',
      en: 'Character {position} of the USCC is wrong: codes never use I, O, Z, S or V; the first two characters name the registering authority and entity type, characters 3–8 a region code.',
    },
    fix: RETYPE_USCC,
  },
  ID_USCC_CHECK_INVALID: {
    check: 'identity',
    message: {
      'zh-CN': '统一社会信用代码第 {position} 位校验码不符：可能有一位输错，或相邻两位颠倒。',
      en: 'The check character at position {position} of the USCC does not match: a character may be mistyped or two neighbours swapped.',
    },
    fix: RETYPE_USCC,
  },
  ID_SOURCE_UNAVAILABLE: sourceUnavailable('identity', {
    'zh-CN': '实名登记',
    en: 'identity registry',
  }),
} as const satisfies Record<string, ProblemDefinition>;
