/**
 * The answer deadline of an objection. The Credit Reporting Regulation (征信业管理条例 art. 25)
 * gives 20 days from receiving an objection to check it and answer in writing; xinyi counts
 * calendar days from the day the objection became complete (submitted, or the missing
 * material supplied after the one-time notice) and warns the operator 5 days and 1 day
 * before. Pure.
 */
export const ANSWER_DAYS = 20;
export const WARNING_DAYS = [5, 1] as const;
const DAY_MS = 86_400_000;

export interface DeadlineState {
  readonly dueAt: Date;
  /** Whole days left, rounded up; negative once breached. */
  readonly daysLeft: number;
  readonly breached: boolean;
  /** The warnings due by now (`warning_5d`, `warning_1d`), and `breach` once breached. */
  readonly notices: readonly ('warning_5d' | 'warning_1d' | 'breach')[];
}

export function answerDueAt(completeAt: Date): Date {
  return new Date(completeAt.getTime() + ANSWER_DAYS * DAY_MS);
}

/** Where an open objection stands against its deadline at `now`. */
export function deadlineState(dueAt: Date, now: Date): DeadlineState {
  const msLeft = dueAt.getTime() - now.getTime();
  const breached = msLeft < 0;
  const notices: DeadlineState['notices'][number][] = [];
  for (const days of WARNING_DAYS) {
    if (msLeft <= days * DAY_MS) notices.push(days === 5 ? 'warning_5d' : 'warning_1d');
  }
  if (breached) notices.push('breach');
  // `|| 0`: a deadline passed by less than a day is 0 days left, not -0.
  return { dueAt, daysLeft: Math.ceil(msLeft / DAY_MS) || 0, breached, notices };
}
