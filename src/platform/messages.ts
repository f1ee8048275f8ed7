import type { Locale } from './locale.js';

export type MessageParams = Readonly<Record<string, string | number>>;

interface Message {
  readonly 'zh-CN': string;
  readonly en: string;
}

/**
 * Every message a client can see, in both languages. Keys are error codes (upper case) and
 * field-problem codes (lower case for generic schema problems, upper case for domain ones).
 */
const CATALOGUE: Readonly<Record<string, Message>> = {
  VALIDATION_FAILED: {
    'zh-CN': '请求数据有误，请检查标出的字段',
    en: 'The request has invalid fields',
  },
  MALFORMED_REQUEST: { 'zh-CN': '请求格式错误：{detail}', en: 'Malformed request: {detail}' },
  PAYLOAD_TOO_LARGE: { 'zh-CN': '请求体过大', en: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: {
    'zh-CN': '不支持的内容类型，请使用 application/json',
    en: 'Unsupported content type; send application/json',
  },
  ROUTE_NOT_FOUND: {
    'zh-CN': '接口不存在：{method} {url}',
    en: 'No such endpoint: {method} {url}',
  },
  NOT_FOUND: { 'zh-CN': '未找到{resource}', en: 'No such {resource}' },
  UNAUTHENTICATED: {
    'zh-CN': '请先登录或提供有效的 API 密钥',
    en: 'Log in or send a valid API key first',
  },
  INVALID_CREDENTIALS: { 'zh-CN': '账号或密码错误', en: 'Wrong login or password' },
  ACCOUNT_LOCKED: {
    'zh-CN': '登录失败次数过多，账号已锁定至 {until}',
    en: 'Too many failed logins; the account is locked until {until}',
  },
  ACCOUNT_DISABLED: { 'zh-CN': '账号已停用', en: 'The account is disabled' },
  RATE_LIMITED: {
    'zh-CN': '请求过于频繁，请 {retryAfter} 秒后再试',
    en: 'Too many requests; try again in {retryAfter} s',
  },
  FORBIDDEN: { 'zh-CN': '当前角色无权执行此操作', en: 'Your role may not do this' },
  TENANT_FORBIDDEN: {
    'zh-CN': '无权访问其他机构的数据',
    en: "You may not act on another organisation's data",
  },
  CONSENT_REQUIRED: {
    'zh-CN': '未获得数据主体对“{category}”数据用于“{purpose}”的有效授权',
    en: 'No active consent of the data subject covers "{category}" for "{purpose}"',
  },
  CONFLICT: { 'zh-CN': '与现有数据冲突', en: 'Conflicts with existing data' },
  LOGIN_TAKEN: { 'zh-CN': '登录名已被使用', en: 'That login is taken' },
  ORGANISATION_CODE_TAKEN: { 'zh-CN': '机构代码已被使用', en: 'That organisation code is taken' },
  ENTERPRISE_EXISTS: { 'zh-CN': '该统一社会信用代码已登记', en: 'That USCC is already registered' },
  PERSON_EXISTS: { 'zh-CN': '该身份证号已登记', en: 'That resident ID is already registered' },
  SUBJECT_ALREADY_CLAIMED: {
    'zh-CN': '该主体已有注册账号，请直接登录或联系平台运营方',
    en: 'That subject already has an account; log in or contact the operator',
  },
  IDENTITY_MISMATCH: {
    'zh-CN': '姓名或名称与登记信息不一致',
    en: 'The name does not match the registered one',
  },
  CONSENT_NOT_ACTIVE: {
    'zh-CN': '该授权已撤回或已过期',
    en: 'That consent is already revoked or expired',
  },
  IDEMPOTENCY_KEY_REUSED: {
    'zh-CN': '幂等键已用于另一个不同的请求',
    en: 'The Idempotency-Key was already used with a different request',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    'zh-CN': '使用该幂等键的请求仍在处理中',
    en: 'A request with this Idempotency-Key is still in progress',
  },
  LEDGER_PENDING: {
    'zh-CN': '该审计事件尚未写入审计账本，请稍后再试',
    en: 'The audit event is not in the ledger yet; try again shortly',
  },
  'resource.audit_event': { 'zh-CN': '审计事件', en: 'audit event' },
  'resource.ledger_tile': { 'zh-CN': '账本分片', en: 'ledger tile' },
  LEDGER_SIZE_BEYOND_CHECKPOINT: {
    'zh-CN': '树大小不能超过最新检查点的大小（{size}）',
    en: 'Must not exceed the size of the latest checkpoint ({size})',
  },
  LEDGER_INDEX_BEYOND_SIZE: {
    'zh-CN': '叶子序号须小于树大小（{size}）',
    en: 'Must be below the tree size ({size})',
  },
  LEDGER_FROM_AFTER_TO: {
    'zh-CN': '起始大小不能超过目标大小（{size}）',
    en: 'Must not exceed the target size ({size})',
  },
  LEDGER_TILE_PATH: {
    'zh-CN': '分片路径不符合 tlog-tiles 规范',
    en: 'Not a tile path as tlog-tiles spells it',
  },
  INTERNAL: { 'zh-CN': '服务器内部错误，请稍后再试', en: 'Internal error; try again later' },

  CATEGORY_NOT_GRANTED: {
    'zh-CN': '该数据提供方未获准报送“{category}”类数据',
    en: 'This provider is not registered to deliver "{category}" records',
  },
  INGEST_FILE_INVALID: {
    'zh-CN': '文件无法读取：{detail}',
    en: 'The file cannot be read: {detail}',
  },
  QUARANTINE_ALREADY_RESOLVED: {
    'zh-CN': '该隔离记录已重新报送',
    en: 'That quarantined record was already resubmitted',
  },
  TRAINING_FAILED: {
    'zh-CN': '无法训练评分卡：{detail}',
    en: 'The scorecard cannot be trained: {detail}',
  },
  ALREADY_PUBLISHED: {
    'zh-CN': '该版本已发布，不能再修改或重复发布',
    en: 'That version is published already and cannot change',
  },
  REVIEW_DONE: { 'zh-CN': '该审核已完成', en: 'That review is done' },
  REVIEW_CLAIMED: {
    'zh-CN': '该审核已由其他审核员领取',
    en: 'Another officer has claimed that review',
  },
  REVIEW_NOT_CLAIMED: {
    'zh-CN': '请先领取该审核再作决定',
    en: 'Claim the review before deciding it',
  },
  SECOND_REVIEWER_REQUIRED: {
    'zh-CN': '超过产品限额的审批需由另一名审核员复核',
    en: 'An approval above the product threshold needs a second, different officer',
  },
  NO_PUBLISHED_RULES: {
    'zh-CN': '规则集“{name}”还没有已发布的版本，无法对比试运行',
    en: 'Rule set "{name}" has no published version to compare with',
  },
  // Problems of an uploaded JDM decision (field codes).
  JDM_INVALID_JSON: { 'zh-CN': '不是有效的 JSON：{detail}', en: 'Not valid JSON: {detail}' },
  JDM_REQUIRED: { 'zh-CN': '缺少必填项：{detail}', en: 'Required: {detail}' },
  JDM_WRONG_TYPE: { 'zh-CN': '类型不对：{detail}', en: 'Wrong type: {detail}' },
  JDM_BAD_VALUE: { 'zh-CN': '取值无效：{detail}', en: 'Invalid value: {detail}' },
  JDM_DUPLICATE: { 'zh-CN': '编号重复：{detail}', en: 'Duplicate id: {detail}' },
  JDM_UNKNOWN_NODE: {
    'zh-CN': '连线指向不存在的节点：{detail}',
    en: 'Edge to a node that does not exist: {detail}',
  },
  JDM_UNSUPPORTED_NODE: {
    'zh-CN': '不支持的节点类型：{detail}',
    en: 'Unsupported node type: {detail}',
  },
  JDM_NODE_COUNT: {
    'zh-CN': '输入或输出节点数量不对：{detail}',
    en: 'Wrong number of input or output nodes: {detail}',
  },
  JDM_BAD_EDGE: { 'zh-CN': '连线无效：{detail}', en: 'Invalid edge: {detail}' },
  JDM_CYCLE: { 'zh-CN': '决策图中有环：{detail}', en: 'The decision graph has a cycle: {detail}' },
  JDM_EXPRESSION_SYNTAX: {
    'zh-CN': '表达式语法错误：{detail}',
    en: 'Expression syntax error: {detail}',
  },
  MODEL_NOT_ACTIVATABLE: {
    'zh-CN': '该模型已停用，不能再次启用；请重新训练',
    en: 'A retired model cannot be activated again; train a new version',
  },

  // Resource names, used as `#resource.x` parameters.
  'resource.user': { 'zh-CN': '用户', en: 'user' },
  'resource.organisation': { 'zh-CN': '机构', en: 'organisation' },
  'resource.api_key': { 'zh-CN': 'API 密钥', en: 'API key' },
  'resource.enterprise': { 'zh-CN': '企业', en: 'enterprise' },
  'resource.person': { 'zh-CN': '个人', en: 'person' },
  'resource.consent': { 'zh-CN': '授权', en: 'consent' },
  'resource.batch': { 'zh-CN': '数据批次', en: 'batch' },
  'resource.record': { 'zh-CN': '数据记录', en: 'record' },
  'resource.quarantined_record': { 'zh-CN': '隔离记录', en: 'quarantined record' },
  'resource.profile': { 'zh-CN': '信用画像', en: 'credit profile' },
  'resource.score': { 'zh-CN': '信用评分', en: 'credit score' },
  'resource.model': { 'zh-CN': '评分模型', en: 'scorecard model' },
  'resource.rule_version': { 'zh-CN': '规则版本', en: 'rule version' },
  'resource.loan_product': { 'zh-CN': '贷款产品', en: 'loan product' },
  'resource.application': { 'zh-CN': '贷款申请', en: 'loan application' },
  'resource.decision': { 'zh-CN': '审批决定', en: 'decision' },
  'resource.review': { 'zh-CN': '人工审核任务', en: 'review' },
  'resource.loan': { 'zh-CN': '贷款', en: 'loan' },
  'resource.outage': { 'zh-CN': '数据源中断', en: 'source outage' },
  OUTAGE_ALREADY_OPEN: {
    'zh-CN': '该类数据源已有一项未结束的中断',
    en: 'An outage of that source is already open',
  },
  OUTAGE_ALREADY_ENDED: { 'zh-CN': '该中断已结束', en: 'That outage has already ended' },
  'resource.objection': { 'zh-CN': '异议申请', en: 'objection' },
  'resource.warning': { 'zh-CN': '贷后预警', en: 'post-loan warning' },
  WARNING_ACKNOWLEDGED: { 'zh-CN': '该预警已确认处理', en: 'That warning is already acknowledged' },
  OBJECTION_ALREADY_OPEN: {
    'zh-CN': '该记录已有一项正在处理的异议',
    en: 'An objection to that record is already open',
  },
  MATERIAL_ALREADY_REQUESTED: {
    'zh-CN': '补正材料通知只能发出一次，且须一次列明全部缺少的材料',
    en: 'The notice of missing material is sent once, listing everything missing',
  },
  OBJECTION_NOT_YOUR_RECORD: {
    'zh-CN': '只能对关于本人或本企业的记录提出异议',
    en: 'You can object only to records about yourself or your enterprise',
  },
  OBJECTION_RECORD_SUPERSEDED: {
    'zh-CN': '该记录已有更新的版本，请对当前版本提出异议',
    en: 'That record has a newer version; object to the current one',
  },
  OBJECTION_NOT_A_CORRECTION: {
    'zh-CN': '该记录不是异议记录的更新版本',
    en: 'That record is not a newer version of the record objected to',
  },
  REVIEW_ALREADY_OPEN: {
    'zh-CN': '该申请已有一项人工审核或解释请求在处理中',
    en: 'A review or explanation request for this application is already open',
  },
  REVIEW_WRONG_KIND: {
    'zh-CN': '该任务类型不支持此操作：审批任务请作出决定，解释请求请书面答复',
    en: 'Wrong action for this task: decide a review, answer an explanation request',
  },
  HUMAN_REVIEW_ALREADY_HUMAN: {
    'zh-CN': '该决定已由审核员人工作出，不能再申请人工复核；可以申请解释',
    en: 'A person already made this decision; you can still ask for an explanation',
  },
  OFFER_EXPIRED: {
    'zh-CN': '该贷款要约已过期，请重新申请',
    en: 'The offer has expired; apply again',
  },
  LOAN_CLOSED: { 'zh-CN': '该贷款已结清', en: 'The loan is closed' },
  REPAYMENT_REFERENCE_REUSED: {
    'zh-CN': '该银行流水号已登记过一笔不同的还款',
    en: 'That bank reference was already recorded for a different payment',
  },
  CONTRACT_HASH_MISMATCH: {
    'zh-CN': '摘要与合同文件不一致，请重新下载合同核对后确认',
    en: 'The digest does not match the contract; download it again and confirm that one',
  },
  DATE_IN_FUTURE: {
    'zh-CN': '日期不能晚于今天（{limit}）',
    en: 'Must not be after today ({limit})',
  },
  DATE_IN_PAST: { 'zh-CN': '日期不能早于今天', en: 'Must not be before today' },
  DISBURSED_BEFORE_CONTRACT: {
    'zh-CN': '放款日不能早于合同确认日',
    en: 'The money cannot be paid out before the contract was confirmed',
  },
  PAID_BEFORE_DISBURSEMENT: {
    'zh-CN': '还款日不能早于放款日',
    en: 'A repayment cannot be dated before the disbursement',
  },
  REPAYMENT_EXCEEDS_OUTSTANDING: {
    'zh-CN': '还款金额超过尚欠金额（{limit} 分）',
    en: 'More than the loan still owes ({limit} fen)',
  },
  SETTLEMENT_AMOUNT_MISMATCH: {
    'zh-CN': '提前结清金额应为 {expected} 分',
    en: 'An early settlement that day is exactly {expected} fen',
  },
  REPAYMENT_METHOD_NOT_OFFERED: {
    'zh-CN': '该产品不提供这种还款方式',
    en: 'The product does not offer this repayment method',
  },
  PRODUCT_MAX_BELOW_MIN: { 'zh-CN': '上限不能小于下限', en: 'The maximum is below the minimum' },
  PRODUCT_CUT_OFFS_CROSSED: {
    'zh-CN': '拒绝线不能高于自动通过线',
    en: 'The decline cut-off is above the approval cut-off',
  },
  PRODUCT_MONTHS_REQUIRED: {
    'zh-CN': '要求社保或公积金核验的产品须设置至少 1 个月的连续缴存月数',
    en: 'A product that checks social security or housing fund needs at least 1 continuous month',
  },
  PRODUCT_RULES_NOT_PUBLISHED: {
    'zh-CN': '请选择本机构已发布的规则版本',
    en: "Choose a published version of your organisation's rules",
  },

  DOCUMENT_TOO_LARGE: {
    'zh-CN': '文件过大，单个文件不能超过 {limitMb} MB',
    en: 'The file is too large; the limit is {limitMb} MB',
  },
  'resource.document': { 'zh-CN': '电子档案文件', en: 'archived document' },
  // Problems of an uploaded document (field level).
  empty_file: { 'zh-CN': '文件为空', en: 'The file is empty' },
  not_a_file: { 'zh-CN': '此处应上传文件', en: 'Send a file here, not text' },
  bad_media_type: {
    'zh-CN': '文件的内容类型（Content-Type）无效',
    en: "The file's media type (Content-Type) is not valid",
  },
  kind_not_allowed: {
    'zh-CN': '你不能上传该类文件',
    en: 'You may not upload documents of this kind',
  },

  // Generic schema problems (field level).
  required: { 'zh-CN': '必填字段', en: 'This field is required' },
  type: { 'zh-CN': '类型错误，应为 {expected}', en: 'Wrong type; expected {expected}' },
  additional_property: { 'zh-CN': '不允许的字段', en: 'This field is not allowed' },
  min_length: { 'zh-CN': '长度不能少于 {limit}', en: 'Must be at least {limit} characters' },
  max_length: { 'zh-CN': '长度不能超过 {limit}', en: 'Must be at most {limit} characters' },
  min_items: { 'zh-CN': '至少需要 {limit} 项', en: 'Needs at least {limit} items' },
  max_items: { 'zh-CN': '最多 {limit} 项', en: 'At most {limit} items' },
  unique_items: { 'zh-CN': '不能有重复项', en: 'Items must be unique' },
  minimum: { 'zh-CN': '不能小于 {limit}', en: 'Must be at least {limit}' },
  maximum: { 'zh-CN': '不能大于 {limit}', en: 'Must be at most {limit}' },
  format: { 'zh-CN': '格式错误，应为 {format}', en: 'Wrong format; expected {format}' },
  pattern: { 'zh-CN': '格式不符合要求', en: 'Does not match the required pattern' },
  enum: { 'zh-CN': '取值不在允许范围内：{allowed}', en: 'Must be one of: {allowed}' },
  invalid: { 'zh-CN': '取值无效', en: 'Invalid value' },
  in_the_past: { 'zh-CN': '时间必须晚于当前时间', en: 'Must be in the future' },
  too_far_ahead: { 'zh-CN': '时间不能晚于 {limit}', en: 'Must not be later than {limit}' },
  weak_password: {
    'zh-CN': '密码至少 10 位，且须同时包含字母和数字',
    en: 'The password needs at least 10 characters with letters and digits',
  },
  role_not_allowed: {
    'zh-CN': '你不能创建该角色的用户',
    en: 'You may not create users of this role',
  },
  organisation_kind: {
    'zh-CN': '该机构类型不符合要求（需要：{expected}）',
    en: 'Wrong kind of organisation (needs: {expected})',
  },
  unknown_organisation: { 'zh-CN': '机构不存在', en: 'No such organisation' },

  // Identifier problems (field level): each names the wrong part.
  USCC_LENGTH: {
    'zh-CN': '统一社会信用代码应为 18 位',
    en: 'A unified social credit code has 18 characters',
  },
  USCC_CHARSET: {
    'zh-CN': '统一社会信用代码只能包含数字和大写字母（不含 I、O、Z、S、V）',
    en: 'A unified social credit code uses digits and capitals except I, O, Z, S, V',
  },
  USCC_REGISTRATION_AUTHORITY: {
    'zh-CN': '第 1 位登记管理部门代码无效',
    en: 'Character 1 is not a valid registration-authority code',
  },
  USCC_ENTITY_TYPE: {
    'zh-CN': '第 2 位机构类别代码与登记管理部门不匹配',
    en: 'Character 2 is not a valid entity type for that registration authority',
  },
  USCC_REGION: {
    'zh-CN': '第 3–8 位登记管理机关行政区划码不存在',
    en: 'Characters 3–8 are not a known administrative-division code',
  },
  USCC_ORGANISATION_CODE: {
    'zh-CN': '第 9–17 位主体标识码（组织机构代码）校验位错误',
    en: 'Characters 9–17 (the organisation code) fail their check character',
  },
  USCC_CHECK_CHARACTER: {
    'zh-CN': '第 18 位校验码错误，请核对代码是否抄错',
    en: 'Character 18, the check character, is wrong; check for a typo',
  },
  RESIDENT_ID_LENGTH: {
    'zh-CN': '身份证号应为 18 位',
    en: 'A resident ID number has 18 characters',
  },
  RESIDENT_ID_CHARSET: {
    'zh-CN': '身份证号前 17 位应为数字，最后一位为数字或 X',
    en: 'A resident ID has 17 digits followed by a digit or X',
  },
  RESIDENT_ID_REGION: {
    'zh-CN': '前 6 位地址码不是有效的行政区划代码',
    en: 'The first 6 digits are not a known administrative-division code',
  },
  RESIDENT_ID_DATE: {
    'zh-CN': '第 7–14 位出生日期无效',
    en: 'Digits 7–14 are not a real date of birth',
  },
  RESIDENT_ID_CHECK_CHARACTER: {
    'zh-CN': '第 18 位校验码错误，请核对号码是否抄错',
    en: 'Character 18, the check digit, is wrong; check for a typo',
  },

  // Lines a file reader could not parse (data intake).
  column_count: {
    'zh-CN': '列数与表头不一致：{detail}',
    en: 'The number of columns does not match the header: {detail}',
  },
  malformed_json: { 'zh-CN': '不是合法的 JSON：{detail}', en: 'Not valid JSON: {detail}' },
  not_an_object: { 'zh-CN': '应为 JSON 对象：{detail}', en: 'Expected a JSON object: {detail}' },
  record_too_large: { 'zh-CN': '记录过长：{detail}', en: 'The record is too large: {detail}' },
  truncated: {
    'zh-CN': '记录不完整（文件被截断）：{detail}',
    en: 'Incomplete record (file cut short): {detail}',
  },

  // Record problems (data intake): why a provider's record was quarantined, per field (see
  // src/ingest/normalise.ts). `required` and `invalid` above are reused.
  unknown_field: {
    'zh-CN': '未知字段，不属于该类数据的标准字段',
    en: 'Unknown field; it is not part of this category',
  },
  too_long: { 'zh-CN': '长度不能超过 {limit} 个字符', en: 'Must be at most {limit} characters' },
  not_in_enum: { 'zh-CN': '取值不在允许范围内：{allowed}', en: 'Must be one of: {allowed}' },
  not_a_number: {
    'zh-CN': '不是可准确识别的数字（大额数值请以文本形式提供）',
    en: 'Not a number that can be read exactly (send large numbers as text)',
  },
  not_an_integer: { 'zh-CN': '应为整数', en: 'Must be a whole number' },
  negative_amount: { 'zh-CN': '金额不能为负数', en: 'The amount must not be negative' },
  too_many_decimals: {
    'zh-CN': '小数位数不能超过 {scale} 位',
    en: 'At most {scale} decimal places',
  },
  out_of_range: { 'zh-CN': '应在 {min} 至 {max} 之间', en: 'Must be between {min} and {max}' },
  bad_date: {
    'zh-CN': '不是有效日期（可用 2024-03-05、2024/3/5、20240305、2024年3月5日 等格式）',
    en: 'Not a valid date (use e.g. 2024-03-05, 2024/3/5, 20240305 or 2024年3月5日)',
  },
  date_in_future: { 'zh-CN': '日期不能晚于今天', en: 'The date must not be in the future' },
  date_too_early: {
    'zh-CN': '日期不能早于 1949-10-01',
    en: 'The date must not be before 1949-10-01',
  },
  date_order: { 'zh-CN': '不能早于 {after}', en: 'Must not be before {after}' },
  bad_period: {
    'zh-CN': '不是有效月份（可用 2024-03、2024/3、202403、2024年3月 等格式）',
    en: 'Not a valid month (use e.g. 2024-03, 2024/3, 202403 or 2024年3月)',
  },
  period_in_future: { 'zh-CN': '月份不能晚于本月', en: 'The month must not be in the future' },
  bad_boolean: {
    'zh-CN': '应为“是”或“否”（也可用 true/false、1/0、Y/N）',
    en: 'Must be yes or no (also true/false, 1/0, Y/N, 是/否)',
  },
  unknown_region: {
    'zh-CN': '不是已知的 6 位行政区划代码',
    en: 'Not a known six-digit administrative-division code',
  },
  wrong_subject_kind: {
    'zh-CN': '证件号类型不符，此处应为{expected}的证件号',
    en: 'Wrong kind of identifier (expected: {expected})',
  },
};

/**
 * Renders a catalogue message; unknown codes fall back to the code itself so that a
 * missing translation is visible rather than hidden.
 *
 * @example
 * translate('NOT_FOUND', 'en', { resource: 'enterprise' }); // 'No such enterprise'
 */
export function translate(code: string, locale: Locale, params: MessageParams = {}): string {
  const template = CATALOGUE[code]?.[locale] ?? code;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = params[name];
    if (value === undefined) return match;
    // A parameter written `#key` is itself a catalogue entry, e.g. a resource name.
    if (typeof value === 'string' && value.startsWith('#'))
      return translate(value.slice(1), locale);
    return String(value);
  });
}

export function hasMessage(code: string): boolean {
  return code in CATALOGUE;
}
