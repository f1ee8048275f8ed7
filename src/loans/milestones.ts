import type { OutboxHandler } from '../notify/worker.js';
import { sendMessages, type Message } from '../notify/notifications.service.js';
import type { Locale } from '../platform/locale.js';
import { APPLICATION_MILESTONE } from './application-events.js';
import type { ApplicationEvent } from './application-state.js';

/** What the borrower is told at each milestone; events without words are silent. */
const WORDS: Partial<Record<ApplicationEvent, Readonly<Record<Locale, string>>>> = {
  submit: {
    'zh-CN': '您的贷款申请已提交，正在核验资料。',
    en: 'Your loan application was submitted; your data are being checked.',
  },
  decide_approve: {
    'zh-CN': '您的贷款申请已通过审批，请在申请页面查看额度、利率和期限。',
    en: 'Your loan application was approved; see the limit, rate and term on its page.',
  },
  decide_review: {
    'zh-CN': '您的贷款申请已转人工审核，审核员将尽快处理。',
    en: 'Your loan application went to a loan officer for review.',
  },
  decide_decline: {
    'zh-CN': '很遗憾，您的贷款申请未获批准。申请页面列出了每条原因和可以采取的措施。',
    en: 'Your loan application was declined. Its page lists every reason and what you can do.',
  },
  review_approve: {
    'zh-CN': '人工审核已通过您的贷款申请，请在申请页面查看额度和利率。',
    en: 'A loan officer approved your application; see the limit and rate on its page.',
  },
  review_decline: {
    'zh-CN': '人工审核未通过您的贷款申请，申请页面列出了原因。',
    en: 'A loan officer declined your application; its page gives the reason.',
  },
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
      const words = WORDS[event.payload.event as ApplicationEvent];
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
