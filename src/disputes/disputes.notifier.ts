import { lendersUsingSubject } from '../loans/subject-applications.service.js';
import { sendMessages, type Message } from '../notify/notifications.service.js';
import type { OutboxHandler } from '../notify/worker.js';
import { userIdsWithRole } from '../platform/auth/accounts.service.js';
import type { Tx } from '../platform/db.js';
import type { Locale } from '../platform/locale.js';
import { OBJECTION_MILESTONE } from './disputes.service.js';

type Words = Readonly<Record<Locale, string>>;
type Audience = 'borrower' | 'operators' | 'lenders';

/** Who hears of each step, and what; steps without words are silent. */
const NOTICES: Readonly<Record<string, readonly (readonly [Audience, Words])[]>> = {
  submit: [
    [
      'borrower',
      {
        'zh-CN': '您的异议已受理登记，相关记录已标注“异议处理中”，我们将在 20 日内书面答复。',
        en: 'Your objection is registered; the record is marked "under objection" and you will have a written answer within 20 days.',
      },
    ],
  ],
  request_material: [
    [
      'borrower',
      {
        'zh-CN': '您的异议缺少材料，请按通知一次性补齐全部所列材料，补齐后重新计算 20 日答复期限。',
        en: 'Your objection lacks material: the notice lists everything missing; once it is all in, the 20-day answer period starts again.',
      },
    ],
  ],
  accept: [
    [
      'borrower',
      {
        'zh-CN': '您的异议已通过形式审查，正在核查。',
        en: 'Your objection passed the formal check and is being investigated.',
      },
    ],
  ],
  refuse: [
    [
      'borrower',
      {
        'zh-CN': '您的异议不予受理，原因见异议页面的书面说明。',
        en: 'Your objection cannot be taken up; the written reason is on its page.',
      },
    ],
  ],
  find_no_error: [
    [
      'borrower',
      {
        'zh-CN':
          '经核查，该记录无误，未予更正。书面说明及其他救济途径见异议页面，您可以添加个人声明。',
        en: 'The record was found correct and is not changed. The written explanation and other routes are on the page; you may add your own statement.',
      },
    ],
  ],
  confirm_correction: [
    [
      'borrower',
      {
        'zh-CN': '您的异议已核实，数据源已更正记录（原记录保留备查），信用评分已重新计算。',
        en: 'Your objection was upheld: the source corrected the record (the original is kept) and your score was recomputed.',
      },
    ],
    [
      'lenders',
      {
        'zh-CN':
          '您机构近期使用过其评分的一位借款人的信用记录经异议已更正，评分已重新计算，请复核相关申请或贷款。',
        en: 'A credit record of a borrower whose score your organisation used recently was corrected after an objection; the score was recomputed. Please review the application or loan.',
      },
    ],
  ],
  warning_5d: [
    [
      'operators',
      {
        'zh-CN': '有异议距法定答复期限不足 5 天，请尽快处理。',
        en: 'An objection is due for its answer within 5 days.',
      },
    ],
  ],
  warning_1d: [
    [
      'operators',
      {
        'zh-CN': '有异议距法定答复期限不足 1 天，请立即处理。',
        en: 'An objection is due for its answer within a day.',
      },
    ],
  ],
  breach: [
    [
      'operators',
      {
        'zh-CN': '有异议已超过 20 日法定答复期限，已计入监管统计。',
        en: 'An objection passed its 20-day answer deadline; the breach is counted for the regulator.',
      },
    ],
  ],
};

const RECENT_USE_MS = 30 * 86_400_000;

async function recipients(
  tx: Tx,
  audience: Audience,
  objection: {
    borrower_user_id: string;
    subject_kind: 'enterprise' | 'person';
    subject_ref: string;
  },
  now: Date,
): Promise<string[]> {
  if (audience === 'borrower') return [objection.borrower_user_id];
  if (audience === 'operators') return userIdsWithRole(tx, 'operator');
  const lenders = await lendersUsingSubject(
    tx,
    { kind: objection.subject_kind, ref: objection.subject_ref },
    new Date(now.getTime() - RECENT_USE_MS),
  );
  const users = await Promise.all(
    lenders.flatMap((organisation) => [
      userIdsWithRole(tx, 'lender_officer', organisation),
      userIdsWithRole(tx, 'lender_admin', organisation),
    ]),
  );
  return users.flat();
}

/** Tells each step of an objection to whoever must hear it, once per event and channel. */
export const objectionNotifier: OutboxHandler = {
  topic: OBJECTION_MILESTONE,
  batchSize: 200,
  handle: async (ctx, events, tx) => {
    const ids = [...new Set(events.map((e) => String(e.payload.objectionId)))];
    const rows = await tx
      .selectFrom('objections')
      .select(['id', 'borrower_user_id', 'subject_kind', 'subject_ref'])
      .where('id', 'in', ids)
      .execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    const messages: Message[] = [];
    for (const event of events) {
      const objection = byId.get(String(event.payload.objectionId));
      const notices = NOTICES[String(event.payload.event)] ?? [];
      if (!objection) continue;
      for (const [audience, body] of notices) {
        for (const recipientUserId of await recipients(tx, audience, objection, ctx.now())) {
          messages.push({
            outboxEventId: event.id,
            recipientUserId,
            subjectId: objection.id,
            template: `disputes.${String(event.payload.event)}.${audience}`,
            body,
            channels: audience === 'borrower' ? ['in_app', 'sms', 'email'] : ['in_app', 'email'],
          });
        }
      }
    }
    await sendMessages(tx, messages, ctx.now());
  },
};
