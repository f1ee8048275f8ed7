/**
 * The text of a loan contract, generated from an accepted offer. The same terms always give
 * the same bytes, so the document's SHA-256 names exactly what the borrower confirmed. The
 * contract states the day count and the repayment schedule, with amounts in yuan to the fen.
 * Pure.
 */
import type { Schedule } from './schedule.js';

export interface ContractTerms {
  readonly contractId: string;
  readonly applicationId: string;
  readonly lenderName: string;
  readonly borrowerName: string;
  /** USCC or (masked) resident ID, as the borrower registered. */
  readonly borrowerIdentifier: string;
  readonly productName: string;
  readonly amountFen: bigint;
  readonly annualRateBp: number;
  readonly termMonths: number;
  readonly repaymentMethod: string;
  readonly schedule: Schedule;
  /** `YYYY-MM-DD`, China time. */
  readonly issuedOn: string;
}

const METHOD_WORDS: Readonly<Record<string, [string, string]>> = {
  equal_instalment: ['等额本息', 'equal instalments'],
  equal_principal: ['等额本金', 'equal principal'],
  interest_first: ['先息后本', 'interest first, principal at maturity'],
  bullet: ['到期一次还本付息', 'principal and interest at maturity'],
};

const DAY_COUNT_WORDS: Readonly<Record<string, [string, string]>> = {
  monthly_30_360: ['按月计息，月利率＝年利率÷12', 'monthly: each month costs the annual rate / 12'],
  actual_365: ['按实际天数计息，日利率＝年利率÷365', 'actual days / 365'],
};

/** Fen as yuan with two decimals, exactly (no float). */
export function yuan(fen: bigint): string {
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** Basis points as a percentage with two decimals: 435 → "4.35%". */
export function percent(bp: number): string {
  return `${Math.trunc(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`;
}

export function renderContract(terms: ContractTerms): string {
  const [methodZh, methodEn] = METHOD_WORDS[terms.repaymentMethod] ?? [
    terms.repaymentMethod,
    terms.repaymentMethod,
  ];
  const [dayZh, dayEn] = DAY_COUNT_WORDS[terms.schedule.dayCount] ?? [
    terms.schedule.dayCount,
    terms.schedule.dayCount,
  ];
  const { schedule } = terms;
  const lines = [
    '借款合同 / Loan Contract',
    '',
    `合同编号 Contract no.: ${terms.contractId}`,
    `申请编号 Application no.: ${terms.applicationId}`,
    `签发日期 Issued on: ${terms.issuedOn}`,
    '',
    `贷款人 Lender: ${terms.lenderName}`,
    `借款人 Borrower: ${terms.borrowerName} (${terms.borrowerIdentifier})`,
    `产品 Product: ${terms.productName}`,
    '',
    `借款金额 Principal: 人民币 CNY ${yuan(terms.amountFen)} 元`,
    `年利率 Annual rate: ${percent(terms.annualRateBp)}（单利 simple）`,
    `期限 Term: ${terms.termMonths} 个月 months`,
    `还款方式 Repayment: ${methodZh} / ${methodEn}`,
    `计息方式 Day count: ${dayZh} / ${dayEn}`,
    `起息日 Interest from: ${schedule.startDate}（放款日 the disbursement date）`,
    '',
    '还款计划 Repayment schedule (CNY)',
    '期次 No. | 到期日 Due | 本金 Principal | 利息 Interest | 合计 Total | 剩余本金 Remaining',
    ...schedule.instalments.map((row) =>
      [
        row.number,
        row.dueDate,
        yuan(row.principal),
        yuan(row.interest),
        yuan(row.total),
        yuan(row.remainingPrincipal),
      ].join(' | '),
    ),
    `合计 Total | | ${yuan(schedule.totalPrincipal)} | ${yuan(schedule.totalInterest)} | ${yuan(
      schedule.totalPrincipal + schedule.totalInterest,
    )} |`,
    '',
    '1. 每期利息按上述计息方式计算并四舍五入到分，尾差计入最后一期。',
    '   Each interest amount is rounded half up to the fen; the rounding remainder is in the last instalment.',
    '2. 借款人可随时提前结清：应付全部剩余本金、已到期未付利息及当期按日计提的利息，不收取违约金。',
    '   The borrower may settle early at any time: the remaining principal, interest due and unpaid,',
    '   and interest accrued in the current period; no prepayment fee.',
    '3. 还款日次日起未还部分计为逾期，逾期将报送信用信息并影响信用评分。',
    '   An amount unpaid after its due date is overdue from the next day; overdue amounts are',
    '   reported as credit information and affect the credit score.',
    '4. 如实际放款日与上述起息日不同，以放款日重新生成的还款计划为准，利率、期限与还款方式不变。',
    '   If the money is paid out on another day, the schedule is rebuilt from that day with the same',
    '   rate, term and repayment method.',
    '',
    '借款人确认：本人已阅读并同意本合同全部条款，确认的是本文件的 SHA-256 摘要。',
    'Borrower: I have read and agree to every term of this contract; my confirmation names this',
    "document's SHA-256 digest.",
    '',
  ];
  return lines.join('\n');
}
