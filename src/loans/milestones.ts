import type { OutboxHandler } from '../notify/worker.js';
import { sendMessages, type Message } from '../notify/notifications.service.js';
import type { Locale } from '../platform/locale.js';
import { APPLICATION_MILESTONE } from './application-events.js';
import type { ApplicationEvent } from './application-state.js';
import { percent, yuan } from './contract-text.js';

type Words = Readonly<Record<Locale, string>>;
type Payload = Readonly<Record<string, unknown>>;

/** Milestones that are not state-machine events: a check failed, servicing notices. */
type Notice =
  | 'check_failed'
  | 'verification_waiting'
  | 'explanation_answered'
  | 'instalment_due'
  | 'instalment_overdue';

const yuanOf = (payload: Payload) =>
  yuan(BigInt(typeof payload.amountFen === 'string' ? payload.amountFen : '0'));

/** What the borrower is told at each milestone; events without words are silent. */
const WORDS: Partial<Record<ApplicationEvent | Notice, (payload: Payload) => Words>> = {
  submit: () => ({
    'zh-CN': '您的贷款申请已提交，正在核验资料。',
    en: 'Your loan application was submitted; your data are being checked.',
  }),
  check_failed: (p) => ({
    'zh-CN': `资料核验未通过（${String(p.checks)}）。申请页面说明了每项原因和解决办法，可补充证明材料。`,
    en: `A check did not pass (${String(p.checks)}). The application page says why and how to fix it, or offer other proof.`,
  }),
  verification_waiting: () => ({
    'zh-CN': '有数据源暂时无法查询，您的申请没有被拒绝，系统将自动重新核验，无需重新提交。',
    en: 'A data source cannot be reached right now. Your application is not refused: it will be checked again automatically; no need to apply again.',
  }),
  decide_review: () => ({
    'zh-CN': '您的贷款申请已转人工审核，审核员将尽快处理。',
    en: 'Your loan application went to a loan officer for review.',
  }),
  decide_decline: () => ({
    'zh-CN':
      '很遗憾，您的贷款申请未获批准。申请页面列出了每条原因和可以采取的措施；您也可以要求人工复核或解释。',
    en: 'Your loan application was declined. Its page lists every reason and what you can do; you may ask a person to review or explain it.',
  }),
  review_decline: () => ({
    'zh-CN': '人工审核未通过您的贷款申请，申请页面列出了原因。',
    en: 'A loan officer declined your application; its page gives the reason.',
  }),
  offer: (p) => ({
    'zh-CN': `您的贷款申请已获批准：额度 ${yuanOf(p)} 元，年利率 ${percent(Number(p.rateBp))}。请在 7 天内确认接受。`,
    en: `Your loan was approved: CNY ${yuanOf(p)} at ${percent(Number(p.rateBp))} a year. Accept the offer within 7 days.`,
  }),
  accept: () => ({
    'zh-CN': '您已接受贷款要约，借款合同已生成，请阅读后确认。',
    en: 'You accepted the offer; your loan contract is ready to read and confirm.',
  }),
  sign_contract: () => ({
    'zh-CN': '您已确认借款合同，等待放款。',
    en: 'You confirmed the loan contract; the money will be paid out next.',
  }),
  disburse: (p) => ({
    'zh-CN': `贷款 ${yuanOf(p)} 元已于 ${String(p.disbursedOn)} 发放，还款计划已生成。`,
    en: `CNY ${yuanOf(p)} was paid out on ${String(p.disbursedOn)}; your repayment schedule is ready.`,
  }),
  close: () => ({
    'zh-CN': '您的贷款已全部结清，感谢您按时还款。',
    en: 'Your loan is fully repaid and closed.',
  }),
  expire: () => ({
    'zh-CN': '贷款要约已过期未确认，申请已关闭，如有需要请重新申请。',
    en: 'The offer lapsed without confirmation; the application is closed. Apply again if you wish.',
  }),
  request_human_review: () => ({
    'zh-CN': '已收到您的人工复核请求，审核员将重新审查您的申请。',
    en: 'We received your request for a human review; a loan officer will look at your application again.',
  }),
  request_explanation: () => ({
    'zh-CN': '已收到您的解释请求，审核员将书面答复。',
    en: 'We received your request for an explanation; a loan officer will answer in writing.',
  }),
  explanation_answered: () => ({
    'zh-CN': '审核员已书面答复您的解释请求，请在申请页面查看。',
    en: 'A loan officer answered your request for an explanation; see the application page.',
  }),
  instalment_due: (p) => ({
    'zh-CN': `第 ${String(p.instalment)} 期还款 ${yuanOf(p)} 元将于 ${String(p.dueDate)} 到期，请按时还款。`,
    en: `Instalment ${String(p.instalment)} of CNY ${yuanOf(p)} falls due on ${String(p.dueDate)}.`,
  }),
  instalment_overdue: (p) => ({
    'zh-CN': `第 ${String(p.instalment)} 期还款已于 ${String(p.dueDate)} 到期未还，尚欠 ${yuanOf(p)} 元。逾期会影响您的信用记录，请尽快还款。`,
    en: `Instalment ${String(p.instalment)} was due on ${String(p.dueDate)} and CNY ${yuanOf(p)} is unpaid. Overdue payments affect your credit record; please pay soon.`,
  }),
};

/**
 * Tells the borrower about each milestone of their application on every channel, exactly
 * once per milestone and channel (see `sendMessages`).
 */
export const milestoneNotifier: OutboxHandler = {
  topic: APPLICATION_MILESTONE,
  batchSize: 500,
  handle: async (ctx, events, tx) => {
    const ids = [...new Set(events.map((e) => String(e.payload.applicationId)))];
    const applications = await tx
      .selectFrom('loan_applications')
      .select(['id', 'borrower_user_id'])
      .where('id', 'in', ids)
      .execute();
    const borrower = new Map(applications.map((a) => [a.id, a.borrower_user_id]));
    const messages: Message[] = events.flatMap((event) => {
      const words = WORDS[event.payload.event as ApplicationEvent | Notice]?.(event.payload);
      const applicationId = String(event.payload.applicationId);
      const recipient = borrower.get(applicationId);
      if (!words || !recipient) return [];
      return [
        {
          outboxEventId: event.id,
          recipientUserId: recipient,
          subjectId: applicationId,
          template: `loans.${String(event.payload.event)}`,
          body: words,
          channels: ['in_app', 'sms', 'email'],
        },
      ];
    });
    await sendMessages(tx, messages, ctx.now());
  },
};
